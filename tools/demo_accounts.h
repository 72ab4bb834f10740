// demo_accounts.h — the people of the demo programme: an account for every
// peer (so invitations reach someone), an officer of the demo council, the
// programme office and each party's group office, all at example.org
// addresses (RFC 2606: reserved, never anyone's mailbox); and their API
// tokens, printed at start for curl and the web pages.
//
// Guarantees: create_demo_accounts() makes the accounts in one
// transaction, on a newly seeded programme only; demo_token() makes a new
// 90-day token for the demo user of a role, reusing its account.
// Thread-safety: call before the server starts.
#pragma once

#include "engine/status.h"
#include "service/service.h"

#include <string>

namespace peerslot {

// The address the demo gives a person: their name's words and an id, e.g.
// "cllr.sarah.jones.p00011@example.org".
std::string demo_email(const std::string& name, const std::string& id);
Status create_demo_accounts(service::Service& service, const std::string& demo_council);
// A token for the demo account of `role` with `subject` (made when absent).
Result<std::string> demo_token(service::Service& service, const std::string& role, const std::string& subject);

}  // namespace peerslot
