// reason.h — why something cannot be done, said twice: in words a person
// reads, and as fields a program reads.
//
// `text` is one plain sentence any reader of the request may see (a council,
// a peer on its team, the programme office): dates, roles, parties and
// skills in words, never a rule id, a cost or a bare id. `detail` goes
// further for the programme office (the nearest peer by name and what
// stops them) and is empty when there is nothing more to say. `code` is a
// stable machine word ("week_full", "no_free_party_peer", ...; the list is
// in docs/reasons.md) and `rule` the contract's rule (e.g. "H11"; "" when
// no rule is to blame), both for programs.
// Thread-safety: a plain value.
#pragma once

#include <string>

namespace peerslot {

struct Reason {
  std::string code;
  std::string rule;
  std::string text;
  std::string detail;

  // Text and detail in one sentence: "Every challenge place is taken this
  // week: 6 challenges are booked, the most a week takes".
  std::string sentence() const { return detail.empty() ? text : text + ": " + detail; }
  // The sentence with its rule, for the plan document and the command line:
  // "... (H11)".
  std::string with_rule() const { return rule.empty() ? sentence() : sentence() + " (" + rule + ")"; }
};

}  // namespace peerslot
