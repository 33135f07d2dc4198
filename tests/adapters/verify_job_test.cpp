// GET /api/audit/verify as a background job (adapters/http/src/verify_job.cpp),
// through Api::handle: the request is answered at once (202) with the job,
// its progress and then its result are polled at the job's location, a
// request while it runs gets the running job, and the result keeps the
// route's old shape. The job is held mid-way by a token store whose grants
// chain waits for the test (no sleeps: futures with a generous timeout).
#include "api_tokens.hpp"
#include "mutation_fixture.hpp"

#include "alur/engine/tokens.hpp"
#include "alur/http/api.hpp"
#include "alur/http/metrics.hpp"

#include <boost/json/parse.hpp>

#include <chrono>
#include <future>

using namespace alur;
namespace json = boost::json;

namespace {

constexpr auto patience = std::chrono::seconds(30);

/// A token store whose grants() (the last thing a verify job reads) waits
/// until the test opens the gate, and says when it was reached.
class GatedTokens final : public TokenStore {
public:
    Result<void> add(const Token& t, const std::string& sha) override { return inner.add(t, sha); }
    Result<Token> find_by_hash(const std::string& sha) override { return inner.find_by_hash(sha); }
    Result<std::vector<Token>> list() override { return inner.list(); }
    Result<void> revoke(const std::string& n, TimePoint at, const std::string& by) override {
        return inner.revoke(n, at, by);
    }
    Result<std::vector<Grant>> grants() override {
        {
            std::lock_guard lock(mutex);
            if (!reached_set) {
                reached_set = true;
                reached.set_value();
            }
        }
        if (gate.wait_for(patience) != std::future_status::ready) return make_error(errc::io, "the test never opened the gate");
        return inner.grants();
    }

    MemoryTokenStore inner;
    std::mutex mutex;
    bool reached_set = false;
    std::promise<void> reached;
    std::promise<void> open;
    std::shared_future<void> gate = open.get_future().share();
};

struct Setup {
    test::MutationFixture f;
    GatedTokens tokens;
    http::Metrics metrics;
    std::mutex mutex;
    std::vector<std::promise<void>> finished{4};
    std::unique_ptr<http::Api> api;

    Setup() {
        test::add_tokens(tokens, {{"inspektorat", "auditor"}, {"sari", "admin"}}, f.clock->now());
        f.case_in("scoring");
        f.case_in("completed");
        http::ApiOptions o;
        o.engine = f.engine.get();
        o.tokens = &tokens;
        o.metrics = &metrics;
        o.verify_finished = [this](std::int64_t job) {
            std::lock_guard lock(mutex);
            finished.at(static_cast<std::size_t>(job - 1)).set_value();
        };
        api = std::make_unique<http::Api>(std::move(o));
    }

    http::Response get(const std::string& target, const std::string& who = "inspektorat") {
        http::Request r;
        r.method = "GET";
        r.target = target;
        r.authorization = "Bearer " + who + "-secret";
        return api->handle(r);
    }
    bool wait_finished(std::int64_t job) {
        std::future<void> done;
        {
            std::lock_guard lock(mutex);
            done = finished.at(static_cast<std::size_t>(job - 1)).get_future();
        }
        return done.wait_for(patience) == std::future_status::ready;
    }
};

json::object body(const http::Response& r) { return json::parse(r.body).as_object(); }

std::int64_t events_in(Journal& journal) { return static_cast<std::int64_t>(journal.read_events(0, 0).value().size()); }

}  // namespace

TEST_CASE("GET api audit verify starts a job at once and its result is polled at its location", "[http][verify]") {
    Setup s;
    const std::int64_t events = events_in(*s.f.journal);

    auto started = s.get("/api/audit/verify");
    REQUIRE(started.status == 202);
    auto job = body(started).at("job").as_object();
    CHECK(job.at("id").as_int64() == 1);
    CHECK(job.at("state").as_string() == "running");
    CHECK(job.at("location").as_string() == "/api/audit/verify/jobs/1");
    CHECK(job.at("case").is_null());

    // Held at the grants chain: every event has been checked.
    REQUIRE(s.tokens.reached.get_future().wait_for(patience) == std::future_status::ready);
    auto running = s.get("/api/audit/verify/jobs/1");
    REQUIRE(running.status == 200);
    CHECK(body(running).at("job").at("state").as_string() == "running");
    CHECK(body(running).at("job").at("events_checked").as_int64() == events);
    CHECK_FALSE(body(running).contains("ok"));

    // One job at a time: another request gets the running one.
    auto again = s.get("/api/audit/verify?case=MUT-000001");
    CHECK(again.status == 202);
    CHECK(body(again).at("job").at("id").as_int64() == 1);

    s.tokens.open.set_value();
    REQUIRE(s.wait_finished(1));
    auto done = body(s.get("/api/audit/verify/jobs/1"));
    CHECK(done.at("job").at("state").as_string() == "done");
    CHECK(done.at("job").at("events_checked").as_int64() == events);
    CHECK_FALSE(done.at("job").at("finished_at").is_null());
    // The route's old shape.
    CHECK(done.at("ok").as_bool());
    CHECK(done.at("events").as_int64() == events);
    CHECK(done.at("cases").as_int64() == 2);
    CHECK(done.at("grants").as_int64() == 2);
    CHECK(done.at("problem").is_null());
    CHECK(done.at("side_problem").is_null());
    CHECK(done.contains("chain_ms"));
    CHECK(done.contains("replay_ms"));

    // A finished job leaves room for the next one.
    auto second = s.get("/api/audit/verify?case=MUT-000002");
    REQUIRE(second.status == 202);
    CHECK(body(second).at("job").at("id").as_int64() == 2);
    CHECK(body(second).at("job").at("case").as_string() == "MUT-000002");
    REQUIRE(s.wait_finished(2));
    auto one = body(s.get("/api/audit/verify/jobs/2"));
    CHECK(one.at("ok").as_bool());
    CHECK(one.at("cases").as_int64() == 1);
    CHECK(body(s.get("/api/audit/verify/jobs/1")).at("job").at("state").as_string() == "done");
}

TEST_CASE("the verify job routes refuse what the old route refused", "[http][verify]") {
    Setup s;
    s.tokens.open.set_value();
    CHECK(s.get("/api/audit/verify", "sari").status == 403);
    CHECK(s.get("/api/audit/verify/jobs/1", "sari").status == 403);
    CHECK(s.get("/api/audit/verify/jobs/1").status == 404);  // none yet
    CHECK(s.get("/api/audit/verify/jobs/x").status == 404);
    CHECK(s.get("/api/audit/verify/other").status == 404);
    auto unknown = s.get("/api/audit/verify?case=MUT-000999");
    CHECK(unknown.status == 404);  // said at once, no job started
    CHECK(body(unknown).at("error").at("message").as_string() == "no case MUT-000999");
    http::Request post;
    post.method = "POST";
    post.target = "/api/audit/verify";
    post.authorization = "Bearer inspektorat-secret";
    CHECK(s.api->handle(post).status == 405);
    // The job that does start still ends before the Api goes.
    REQUIRE(s.get("/api/audit/verify").status == 202);
    CHECK(s.wait_finished(1));
}
