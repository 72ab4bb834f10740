// raw_http.cpp — connect, send all bytes, read one reply against a deadline.
#include "raw_http.h"

#include <arpa/inet.h>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace peerslot::e2e {

namespace {

void set_timeout(int fd, int option, double seconds) {
  if (seconds < 0.001) seconds = 0.001;
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(seconds);
  tv.tv_usec = static_cast<suseconds_t>((seconds - static_cast<double>(tv.tv_sec)) * 1e6);
  setsockopt(fd, SOL_SOCKET, option, &tv, sizeof tv);
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Status line and headers of `head` (everything before the blank line).
void parse_head(const std::string& head, Answer& answer) {
  std::size_t end = head.find("\r\n");
  std::string status_line = head.substr(0, end);
  if (status_line.rfind("HTTP/1.", 0) == 0 && status_line.size() >= 12)
    answer.status = std::atoi(status_line.c_str() + 9);
  while (end != std::string::npos && end + 2 < head.size()) {
    std::size_t next = head.find("\r\n", end + 2);
    std::string field = head.substr(end + 2, next == std::string::npos ? std::string::npos : next - end - 2);
    std::size_t colon = field.find(':');
    if (colon != std::string::npos) {
      std::size_t value = field.find_first_not_of(' ', colon + 1);
      answer.headers[field.substr(0, colon)] = value == std::string::npos ? "" : field.substr(value);
    }
    end = next;
  }
}

long content_length(const Answer& answer) {
  for (const auto& [name, value] : answer.headers)
    if (lower(name) == "content-length") return std::atol(value.c_str());
  return -1;
}

}  // namespace

RawConnection::RawConnection(int port, double timeout_seconds)
    : deadline_(Clock::now() +
                std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(timeout_seconds))) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) {
    error_ = std::string("socket: ") + std::strerror(errno);
    return;
  }
  set_timeout(fd, SO_SNDTIMEO, timeout_seconds);
  set_timeout(fd, SO_RCVTIMEO, timeout_seconds);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    error_ = std::string("connect: ") + std::strerror(errno);
    ::close(fd);
    return;
  }
  fd_ = fd;
}

RawConnection::RawConnection(RawConnection&& other) noexcept
    : fd_(other.fd_), deadline_(other.deadline_), error_(std::move(other.error_)) {
  other.fd_ = -1;
}

RawConnection::~RawConnection() {
  if (fd_ >= 0) ::close(fd_);
}

bool RawConnection::send(const std::string& bytes) {
  for (std::size_t sent = 0; sent < bytes.size();) {
    ssize_t n = fd_ < 0 ? -1 : ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) {
      error_ = std::string("send: ") + (fd_ < 0 ? "not connected" : std::strerror(errno));
      return false;
    }
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

Answer RawConnection::receive() {
  Answer answer;
  if (fd_ < 0) {
    answer.text = error_;
    return answer;
  }
  std::string data;
  std::size_t head_end = std::string::npos;
  long length = -1;
  char buffer[16384];
  while (head_end == std::string::npos || length < 0 || data.size() < head_end + 4 + static_cast<std::size_t>(length)) {
    double left = std::chrono::duration<double>(deadline_ - Clock::now()).count();
    if (left <= 0) {
      answer.text = "timed out";
      break;
    }
    set_timeout(fd_, SO_RCVTIMEO, left);
    ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n == 0) break;
    if (n < 0) {
      answer.text = errno == EAGAIN || errno == EWOULDBLOCK ? "timed out" : std::string("recv: ") + std::strerror(errno);
      break;
    }
    data.append(buffer, static_cast<std::size_t>(n));
    if (head_end == std::string::npos && (head_end = data.find("\r\n\r\n")) != std::string::npos) {
      parse_head(data.substr(0, head_end), answer);
      length = content_length(answer);
    }
  }
  if (head_end == std::string::npos) {
    answer.status = 0;
    if (answer.text.empty()) answer.text = data.empty() ? "closed before a reply" : "closed in the reply's headers";
    return answer;
  }
  answer.text = data.substr(head_end + 4);
  answer.body = nlohmann::json::parse(answer.text, nullptr, false);
  if (answer.body.is_discarded()) answer.body = nullptr;
  return answer;
}

std::string raw_text(const std::string& method, const std::string& path, const RawHeaders& headers,
                     const std::string& body) {
  std::string text = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (const auto& [name, value] : headers) text += name + ": " + value + "\r\n";
  if (!body.empty()) text += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  return text + "\r\n" + body;
}

Answer raw_request(int port, const std::string& request, double timeout_seconds, double* seconds) {
  auto started = std::chrono::steady_clock::now();
  RawConnection connection(port, timeout_seconds);
  bool sent = connection.send(request);
  Answer answer = connection.receive();
  if (!sent && answer.status == 0) answer.text = connection.error() + "; " + answer.text;
  if (seconds) *seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return answer;
}

}  // namespace peerslot::e2e
