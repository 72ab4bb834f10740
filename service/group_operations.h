// group_operations.h — what a political group office does for its party's
// councillor peers on booked teams: nominate one for a challenge, approve
// one proposed by the engine, or veto one. The programme office may do all
// of it for any party.
//
// Errors as in council_operations.h, with a code (Status::reason_code())
// for programs and a sentence naming people and councils for everyone:
//   nominate: not_found (request, peer); invalid "peer" for a peer who is
//     not a councillor; forbidden for another party's peer; conflict
//     "request" when the challenge is not booked ("not_booked"), is fixed
//     by the office ("pinned"), has no councillor seat
//     ("no_place_for_role") or every councillor seat is accepted
//     ("seats_accepted"); conflict "peer" when the peer is already on the
//     team ("already_on_team"), cannot join in that week (the engine's
//     reason: "busy", "day_cap", "not_offered", "conflict", …), or would
//     leave the team short of what it needs ("party_needed" for H5,
//     "focus_needed" for H6).
//   approve, veto: the peer must sit on the booked team; a veto of a
//     pinned challenge is a conflict ("pinned").
// A nomination takes one councillor seat in the same week, the others
// keep theirs: the seat of a proposed (not accepted) councillor of the
// nominee's party first, then any proposed councillor, so long as the
// team still keeps H1..H13. A veto is kept like a decline (the peer is
// never proposed for that challenge again) and mended by the engine's
// repair (peer_operations.h remove_from_team).
// Cost: nominate is one engine question plus O(councillor seats ×
// bookings × team) for the trial teams; veto as a decline.
// Thread-safety: operations touch only their Draft; run them in the writer.
#pragma once

#include "engine/status.h"
#include "service/draft.h"
#include "service/records.h"

#include <string>

namespace peerslot::service {

Status nominate(Draft& draft, const User& who, const std::string& request_id, const std::string& peer_id);
Status approve(Draft& draft, const User& who, const std::string& request_id, const std::string& peer_id);
Status veto(Draft& draft, const User& who, const std::string& request_id, const std::string& peer_id);

}  // namespace peerslot::service
