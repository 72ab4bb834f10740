// outbox_folder.cpp — POSIX open/write/fsync/rename, with errno in words.
#include "mail/outbox_folder.h"

#include "service/utc_time.h"

#include <cstdio>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <system_error>

namespace peerslot::mail {

namespace {

Status failure(const std::string& what, const std::filesystem::path& path, int error) {
  return Status::io_error("cannot " + what + " " + path.string() + ": " + std::strerror(error));
}

// Writes every byte of `data` to `fd`, retrying short writes and EINTR.
bool write_all(int fd, const std::string& data) {
  for (std::size_t done = 0; done < data.size();) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// Writes `data` to `path` and fsyncs it.
Status write_file(const std::filesystem::path& path, const std::string& data) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return failure("create", path, errno);
  bool written = write_all(fd, data) && ::fsync(fd) == 0;
  int error = errno;
  bool closed = ::close(fd) == 0;
  if (!written) return failure("write", path, error);
  if (!closed) return failure("close", path, errno);
  return Status::ok();
}

Status sync_folder(const std::filesystem::path& folder) {
  int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return failure("open the folder", folder, errno);
  bool synced = ::fsync(fd) == 0;
  int error = errno;
  ::close(fd);
  return synced ? Status::ok() : failure("sync the folder", folder, error);
}

// The folder made absolute, or as given when the current directory is gone.
std::filesystem::path absolute_folder(const std::filesystem::path& folder) {
  std::error_code error;
  std::filesystem::path absolute = std::filesystem::absolute(folder, error);
  return error ? folder : absolute.lexically_normal();
}

}  // namespace

OutboxFolder::OutboxFolder(const std::filesystem::path& folder) : folder_(absolute_folder(folder)) {}

std::filesystem::path OutboxFolder::file_of(const service::QueuedMail& mail) const {
  char id[24];
  std::snprintf(id, sizeof id, "%08lld", static_cast<long long>(mail.id));  // names sort in the order they were queued
  return folder_ / (service::utc_text(mail.created_at, "%Y%m%dT%H%M%SZ") + "-" + id + ".eml");
}

Status OutboxFolder::send(const service::QueuedMail& mail) {
  std::error_code error;
  std::filesystem::create_directories(folder_, error);
  if (error) return Status::io_error("cannot create the folder " + folder_.string() + ": " + error.message());
  std::filesystem::path target = file_of(mail);
  std::filesystem::path temporary = target;
  temporary += ".tmp";
  if (Status written = write_file(temporary, mail.message); !written.is_ok()) return written;
  if (::rename(temporary.c_str(), target.c_str()) != 0) {
    Status renamed = failure("rename " + temporary.string() + " to", target, errno);
    ::unlink(temporary.c_str());
    return renamed;
  }
  return sync_folder(folder_);
}

std::string OutboxFolder::where() const { return "the folder " + folder_.string(); }

}  // namespace peerslot::mail
