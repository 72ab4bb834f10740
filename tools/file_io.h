// file_io.h — reading whole files and writing them atomically.
//
// write_file_atomically writes to a temporary file beside the target, flushes
// it, and renames it over the target, so a reader (or a crash) never sees a
// half-written plan or scenario.
#pragma once

#include "engine/status.h"

#include <string>

namespace peerslot {

Result<std::string> read_file(const std::string& path);
Status write_file_atomically(const std::string& path, const std::string& contents);

}  // namespace peerslot
