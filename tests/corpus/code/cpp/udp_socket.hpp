// udp_socket.hpp - a thin RAII wrapper over a BSD UDP socket, used by the telemetry
// emitters (StatsD, syslog) and the discovery beacon.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

namespace telemetry {

enum : std::uint16_t {
  kStatsdPort = 8125,
  kSyslogPort = 514,
  kBeaconPort = 7946,
};

constexpr int kMaxDatagram = 1432;
constexpr int kTtl = 255;

class UdpSocket {
 public:
  UdpSocket() : fd_(::socket(AF_INET, SOCK_DGRAM, 0)) {
    if (fd_ < 0) throw std::system_error(errno, std::generic_category(), "socket");
  }
  UdpSocket(const UdpSocket&) = delete;
  UdpSocket& operator=(const UdpSocket&) = delete;
  ~UdpSocket() {
    if (fd_ >= 0) ::close(fd_);
  }

  void set_ttl(int ttl) { ::setsockopt(fd_, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof(ttl)); }

  void bind_any(std::uint16_t port) {
    sockaddr_in sin{};
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = htonl(INADDR_ANY);
    sin.sin_port = htons(port);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&sin), sizeof(sin)) < 0)
      throw std::system_error(errno, std::generic_category(), "bind");
  }

  bool send_to(std::string_view host, std::uint16_t port, std::string_view payload) {
    if (payload.size() > kMaxDatagram) payload = payload.substr(0, kMaxDatagram);
    sockaddr_in dst{};
    dst.sin_family = AF_INET;
    dst.sin_port = htons(port);
    if (::inet_pton(AF_INET, std::string(host).c_str(), &dst.sin_addr) != 1) return false;
    return ::sendto(fd_, payload.data(), payload.size(), 0, reinterpret_cast<sockaddr*>(&dst), sizeof(dst)) ==
           static_cast<ssize_t>(payload.size());
  }

  int fd() const { return fd_; }

 private:
  int fd_;
};

// The discovery beacon announces this node on the LAN every few seconds.
inline void announce(UdpSocket& s, std::string_view node_name) {
  std::string msg = "BEACON 1 ";
  msg += node_name;
  s.set_ttl(1);
  s.send_to("239.255.0.1", kBeaconPort, msg);
}

inline void emit_counter(UdpSocket& s, std::string_view name, long value) {
  std::string line(name);
  line += ':' + std::to_string(value) + "|c";
  s.send_to("127.0.0.1", kStatsdPort, line);
}

inline UdpSocket make_beacon_listener() {
  UdpSocket s;
  s.bind_any(7946);
  return s;
}

}  // namespace telemetry
