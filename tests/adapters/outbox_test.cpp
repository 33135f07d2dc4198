// The outbox end to end: a fired timer's notices are written in its commit on
// the SQLite journal and delivered by the dispatcher through the real file
// channel; a failed delivery is retried after its back-off, a delivered one
// never again. Time is a manual clock.
#include "mutation_fixture.hpp"

#include "alur/engine/outbox.hpp"
#include "alur/notify/channels.hpp"
#include "alur/sqlite/journal.hpp"
#include "test_support.hpp"

#include <boost/json.hpp>

#include <fstream>

using namespace alur;
using alur::test::at;

namespace {

std::vector<std::string> lines(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

}  // namespace

TEST_CASE("notices reach the file channel at least once, retried with back-off", "[outbox][sqlite]") {
    test::TempDir dir;
    auto journal = sqlite::SqliteJournal::open((dir / "alur.db").string()).value();
    EngineOptions options;
    options.deadline_clock.calendar = Calendar(Calendar::shipped());
    options.channels = {"file"};
    options.recipients = [](std::string_view, std::string_view state) {
        return std::vector<std::string>{"role:admin", state == "record_gathering" ? "kabid@bkpsdm.go.id" : "x"};
    };
    test::MutationFixture f({}, journal, options);
    auto id = f.open("administrator", "2020-01-06", "2024-04-01T09:00").value().projection.id;

    // The file's directory does not exist yet: the first delivery fails.
    const auto file = dir / "notices" / "alur.jsonl";
    OutboxDispatcher outbox(journal, f.clock, {std::make_shared<notify::FileChannel>(file)}, nullptr,
                            Backoff{std::chrono::seconds(5), std::chrono::seconds(60)});
    f.clock->set(at("2024-04-18T16:00"));
    REQUIRE(f.engine->fire_due(f.clock->now()).value().fired == 1);
    auto first = outbox.deliver_pending().value();
    CHECK(first.failed == 2);
    CHECK(first.delivered == 0);
    auto notices = journal->case_notices(id).value();
    REQUIRE(notices.size() == 2);
    CHECK(notices[0].attempts == 1);
    CHECK_THAT(notices[0].last_error, Catch::Contains(file.string()));
    CHECK(notices[0].next_attempt_at == at("2024-04-18T16:00:05"));

    // Not yet due again; then the directory appears and the retry delivers.
    std::filesystem::create_directories(file.parent_path());
    f.clock->set(at("2024-04-18T16:00:04"));
    CHECK(outbox.deliver_pending().value().delivered == 0);
    f.clock->set(at("2024-04-18T16:00:05"));
    CHECK(outbox.deliver_pending().value().delivered == 2);
    CHECK(outbox.deliver_pending().value().delivered == 0);

    auto written = lines(file);
    REQUIRE(written.size() == 2);
    auto record = boost::json::parse(written[1]).as_object();
    CHECK(record["case"].as_string() == id.c_str());
    CHECK(record["recipient"] == "kabid@bkpsdm.go.id");
    CHECK(record["payload"].as_object()["kind"] == "reminder");
    for (const auto& n : journal->case_notices(id).value()) {
        CHECK(n.delivered_at);
        CHECK(n.attempts == 2);
    }
}

TEST_CASE("a second failure waits twice as long, up to the maximum", "[outbox]") {
    Backoff b{std::chrono::seconds(5), std::chrono::seconds(60)};
    CHECK(b.after(1) == std::chrono::seconds(5));
    CHECK(b.after(2) == std::chrono::seconds(10));
    CHECK(b.after(4) == std::chrono::seconds(40));
    CHECK(b.after(5) == std::chrono::seconds(60));
    CHECK(b.after(50) == std::chrono::seconds(60));
}
