// A webhook receiver that accepts TCP connections on 127.0.0.1 and never
// answers (nor reads): the receiver that froze every HTTP request of
// `alur serve` before delivery became asynchronous. Runs on its own thread;
// accepted() is fulfilled at the first connection, so a test waits on it
// instead of sleeping. The connections close when it is destroyed.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>

#include <atomic>
#include <future>
#include <string>
#include <thread>
#include <vector>

namespace alur::test {

class HangingReceiver {
public:
    HangingReceiver() : acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
        accept();
        thread_ = std::thread([this] { io_.run(); });
    }
    ~HangingReceiver() {
        boost::asio::post(io_, [this] {
            boost::system::error_code ec;
            acceptor_.close(ec);
            for (auto& s : held_) s.close(ec);
        });
        thread_.join();
    }
    HangingReceiver(const HangingReceiver&) = delete;
    HangingReceiver& operator=(const HangingReceiver&) = delete;

    std::string url(const std::string& path = "/hook") const {
        return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) + path;
    }
    /// Ready once the first connection has been accepted.
    std::shared_future<void> accepted() const { return accepted_; }
    /// Connections accepted so far.
    int connections() const { return count_.load(); }

private:
    void accept() {
        acceptor_.async_accept([this](const boost::system::error_code& ec, boost::asio::ip::tcp::socket socket) {
            if (ec) return;
            held_.push_back(std::move(socket));  // held open, never read, never answered
            if (count_.fetch_add(1) == 0) first_.set_value();
            accept();
        });
    }

    boost::asio::io_context io_;
    boost::asio::ip::tcp::acceptor acceptor_;
    std::vector<boost::asio::ip::tcp::socket> held_;
    std::promise<void> first_;
    std::shared_future<void> accepted_ = first_.get_future().share();
    std::atomic<int> count_{0};
    std::thread thread_;
};

}  // namespace alur::test
