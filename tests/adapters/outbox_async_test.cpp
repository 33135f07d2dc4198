// Asynchronous delivery (engine/src/outbox.cpp, timer_service.cpp, the
// webhook's deliver_async): a receiver that accepts and never answers holds
// one attempt up to its timeout, a round up to its budget, and nothing else
// on the loop — not another handler, not a timer of the timer service.
// Real sockets on 127.0.0.1, the engine on a manual clock; every wait is on
// a future with a generous timeout, none is a fixed sleep.
#include "mutation_fixture.hpp"

#include "alur/engine/outbox.hpp"
#include "alur/engine/timer_service.hpp"
#include "alur/notify/channels.hpp"
#include "alur/sqlite/journal.hpp"
#include "hanging_receiver.hpp"
#include "test_support.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <spdlog/logger.h>
#include <spdlog/sinks/null_sink.h>

#include <future>
#include <thread>

using namespace alur;
using alur::test::at;
using namespace std::chrono;
namespace net = boost::asio;

namespace {

template <typename T>
T wait(std::future<T>& f, seconds timeout = seconds(30)) {
    REQUIRE(f.wait_for(timeout) == std::future_status::ready);
    return f.get();
}

void wait(const std::shared_future<void>& f, seconds timeout = seconds(30)) {
    REQUIRE(f.wait_for(timeout) == std::future_status::ready);
}

/// How long a handler posted to `ex` waits before it runs.
milliseconds post_latency(const net::any_io_executor& ex) {
    std::promise<steady_clock::time_point> ran;
    auto f = ran.get_future();
    const auto posted = steady_clock::now();
    net::post(ex, [&ran] { ran.set_value(steady_clock::now()); });
    return duration_cast<milliseconds>(wait(f) - posted);
}

/// Runs `io` on a thread of its own until the object goes (declare it after
/// everything its handlers use: it is destroyed, and the thread joined, first).
struct Runner {
    net::io_context& io;
    net::executor_work_guard<net::io_context::executor_type> work = net::make_work_guard(io);
    std::thread thread{[this] { io.run(); }};
    ~Runner() {
        work.reset();
        io.stop();
        thread.join();
    }
};

/// A mutation case whose first reminder (2024-04-18 16:00) writes one
/// notice per recipient for the webhook, on the SQLite journal.
struct Setup {
    test::TempDir dir;
    std::shared_ptr<Journal> journal = sqlite::SqliteJournal::open((dir / "alur.db").string()).value();
    std::unique_ptr<test::MutationFixture> f;
    std::string id;

    explicit Setup(int recipients) {
        EngineOptions options;
        options.deadline_clock.calendar = Calendar(Calendar::shipped());
        options.channels = {"webhook"};
        options.recipients = [recipients](std::string_view, std::string_view) {
            std::vector<std::string> who;
            for (int i = 0; i < recipients; ++i) who.push_back("kabid" + std::to_string(i) + "@bkpsdm.go.id");
            return who;
        };
        f = std::make_unique<test::MutationFixture>(mutation::Settings{}, journal, options);
        id = f->open("administrator", "2020-01-06", "2024-04-01T09:00").value().projection.id;
        f->clock->set(at("2024-04-18T16:00"));
    }
};

std::shared_ptr<spdlog::logger> quiet() {
    return std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_mt>());
}

}  // namespace

TEST_CASE("an outbox round stops at its budget and a hung receiver holds nothing else on the loop",
          "[outbox][webhook][async]") {
    Setup s(3);
    REQUIRE(s.f->engine->fire_due(s.f->clock->now()).value().fired == 1);
    REQUIRE(s.journal->case_notices(s.id).value().size() == 3);

    test::HangingReceiver receiver;
    auto webhook = notify::WebhookChannel::make(receiver.url(), milliseconds(300)).value();
    OutboxDispatcher outbox(s.journal, s.f->clock, {webhook}, quiet(), Backoff{seconds(5), seconds(60)},
                            milliseconds(1));
    net::io_context io;
    const auto strand = net::make_strand(io);
    std::promise<Result<OutboxDispatcher::Report>> round;
    auto done = round.get_future();
    Runner runner{io};
    const auto started = steady_clock::now();
    net::post(strand, [&] {
        outbox.deliver_pending_async(strand, [&round](Result<OutboxDispatcher::Report> r) { round.set_value(r); });
    });
    wait(receiver.accepted());
    // The attempt waits for its answer; the strand it runs on is free meanwhile.
    CHECK(post_latency(strand) < milliseconds(50));
    CHECK(done.wait_for(milliseconds(0)) == std::future_status::timeout);

    const auto report = wait(done);
    const auto took = steady_clock::now() - started;
    REQUIRE(report);
    CHECK(report->failed == 1);    // the one attempt of the round, timed out
    CHECK(report->delivered == 0);
    CHECK(report->deferred == 2);  // the budget (1 ms) had passed: not tried, left as they were
    CHECK(took >= milliseconds(300));
    CHECK(took < seconds(10));
    CHECK(receiver.connections() == 1);

    int tried = 0, untouched = 0;
    for (const auto& n : s.journal->case_notices(s.id).value()) {
        if (n.attempts == 1) {
            ++tried;
            CHECK_THAT(n.last_error, Catch::Contains(receiver.url()) &&
                                         Catch::Contains("waiting for the answer timed out after 300 ms"));
        } else {
            ++untouched;
            CHECK(n.attempts == 0);
            CHECK(n.last_error.empty());
        }
    }
    CHECK(tried == 1);
    CHECK(untouched == 2);
}

TEST_CASE("the timer service fires its timers while a webhook delivery hangs", "[timer][webhook][async]") {
    Setup s(1);
    test::HangingReceiver receiver;
    // An attempt that outlasts the test: only the service's own stop ends it.
    auto webhook = notify::WebhookChannel::make(receiver.url(), seconds(600)).value();
    OutboxDispatcher outbox(s.journal, s.f->clock, {webhook}, quiet());
    net::io_context io;
    TimerService service(io, *s.f->engine, &outbox, quiet(), TimerService::Options{});
    std::mutex mutex;
    std::vector<std::size_t> rounds;
    std::promise<void> second_round;
    auto fired = second_round.get_future();
    bool delivered = false;
    service.on_round = [&](const Engine::FireReport& r) {
        std::lock_guard lock(mutex);
        if (r.fired == 0) return;
        rounds.push_back(r.fired);
        if (rounds.size() == 2) second_round.set_value();
    };
    service.on_delivered = [&](const OutboxDispatcher::Report&) {
        std::lock_guard lock(mutex);
        delivered = true;
    };
    Runner runner{io};
    net::post(service.strand(), [&] { service.start(); });  // fires the reminder due now; delivery starts
    wait(receiver.accepted());

    // The next timer falls due while the delivery still waits for its answer.
    const auto next = s.journal->next_timer().value();
    REQUIRE(next);
    s.f->clock->set(next->fire_at);
    const auto poked = steady_clock::now();
    service.poke();
    REQUIRE(fired.wait_for(seconds(10)) == std::future_status::ready);
    CHECK(steady_clock::now() - poked < milliseconds(1000));
    {
        std::lock_guard lock(mutex);
        CHECK(rounds == std::vector<std::size_t>{1, 1});
        CHECK_FALSE(delivered);  // the first notice's attempt is still waiting
    }
    CHECK(receiver.connections() == 1);  // one round at a time: the second notice waits its turn
    CHECK(post_latency(service.strand()) < milliseconds(50));
    service.stop();
}
