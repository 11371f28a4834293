// chat_server.cpp - a line-based chat room over TCP, built on standalone Asio.
#include <asio.hpp>

#include <cstdint>
#include <cstdlib>
#include <deque>
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <utility>

using asio::ip::tcp;

namespace chat {

constexpr std::uint16_t kDefaultPort = 5555;
constexpr std::size_t kMaxLine = 512;
constexpr std::size_t kHistory = 100;

class Participant {
 public:
  virtual ~Participant() = default;
  virtual void deliver(const std::string& line) = 0;
};

class Room {
 public:
  void join(std::shared_ptr<Participant> p) {
    members_.insert(p);
    for (const auto& line : history_) p->deliver(line);
  }
  void leave(const std::shared_ptr<Participant>& p) { members_.erase(p); }
  void deliver(const std::string& line) {
    history_.push_back(line);
    while (history_.size() > kHistory) history_.pop_front();
    for (const auto& m : members_) m->deliver(line);
  }

 private:
  std::set<std::shared_ptr<Participant>> members_;
  std::deque<std::string> history_;
};

class Session : public Participant, public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Room& room) : socket_(std::move(socket)), room_(room) {}

  void start() {
    room_.join(shared_from_this());
    read_line();
  }

  void deliver(const std::string& line) override {
    const bool idle = outbox_.empty();
    outbox_.push_back(line);
    if (idle) write_next();
  }

 private:
  void read_line() {
    auto self = shared_from_this();
    asio::async_read_until(socket_, asio::dynamic_buffer(input_, kMaxLine), '\n',
                           [this, self](std::error_code ec, std::size_t n) {
                             if (ec) {
                               room_.leave(self);
                               return;
                             }
                             room_.deliver(input_.substr(0, n));
                             input_.erase(0, n);
                             read_line();
                           });
  }

  void write_next() {
    auto self = shared_from_this();
    asio::async_write(socket_, asio::buffer(outbox_.front()), [this, self](std::error_code ec, std::size_t) {
      if (ec) {
        room_.leave(self);
        return;
      }
      outbox_.pop_front();
      if (!outbox_.empty()) write_next();
    });
  }

  tcp::socket socket_;
  Room& room_;
  std::string input_;
  std::deque<std::string> outbox_;
};

class Server {
 public:
  Server(asio::io_context& io, const tcp::endpoint& endpoint) : acceptor_(io, endpoint) { accept(); }

 private:
  void accept() {
    acceptor_.async_accept([this](std::error_code ec, tcp::socket socket) {
      if (!ec) std::make_shared<Session>(std::move(socket), room_)->start();
      accept();
    });
  }

  tcp::acceptor acceptor_;
  Room room_;
};

}  // namespace chat

int main(int argc, char* argv[]) {
  try {
    std::uint16_t port = chat::kDefaultPort;
    if (argc > 1) port = static_cast<std::uint16_t>(std::atoi(argv[1]));
    asio::io_context io(1);
    chat::Server server(io, tcp::endpoint(tcp::v4(), port));
    chat::Server local(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 5556));
    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](auto, auto) { io.stop(); });
    std::cout << "chat server on port " << port << std::endl;
    io.run();
  } catch (const std::exception& e) {
    std::cerr << "chat_server: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
