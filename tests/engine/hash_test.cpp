#include "alur/engine/event.hpp"
#include "alur/engine/json.hpp"

#include <boost/json.hpp>
#include "result_printing.hpp"

using namespace alur;

TEST_CASE("canonical JSON sorts keys recursively", "[json]") {
    auto a = boost::json::parse(R"({"b":1,"a":{"z":[{"y":2,"x":1}],"c":"é"}})");
    auto b = boost::json::parse(R"({ "a" : { "c":"é", "z":[{"x":1,"y":2}] }, "b" : 1 })");
    CHECK(canonical_json(a) == canonical_json(b));
    CHECK(canonical_json(a) == R"({"a":{"c":"é","z":[{"x":1,"y":2}]},"b":1})");
    CHECK(canonical_json(boost::json::parse(R"([80.0, 73.5, -0.25, 1e300, 5])")) == "[80,73.5,-0.25,1e+300,5]");
}

TEST_CASE("SHA-256 and the event hash", "[hash]") {
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EventRecord e;
    e.case_id = "MUT-000001";
    e.seq = 1;
    e.global_seq = 1;
    e.name = "opened";
    e.payload = "{}";
    e.actor = "sari";
    e.role = "admin";
    e.prev_hash = genesis_hash;
    auto h = compute_event_hash(e);
    CHECK(h.size() == 64);
    // Every field is covered: changing any one changes the hash.
    for (auto mutate : std::vector<void (*)(EventRecord&)>{
             [](EventRecord& r) { r.case_id += "x"; }, [](EventRecord& r) { r.seq++; },
             [](EventRecord& r) { r.global_seq++; }, [](EventRecord& r) { r.name += "x"; },
             [](EventRecord& r) { r.payload = "{ }"; }, [](EventRecord& r) { r.actor += "x"; },
             [](EventRecord& r) { r.role += "x"; }, [](EventRecord& r) { r.reason += "x"; },
             [](EventRecord& r) { r.occurred_at += std::chrono::milliseconds(1); },
             [](EventRecord& r) { r.recorded_at += std::chrono::milliseconds(1); },
             [](EventRecord& r) { r.prev_hash[0] = '1'; }}) {
        EventRecord copy = e;
        mutate(copy);
        CHECK(compute_event_hash(copy) != h);
    }
    // Moving bytes between adjacent fields changes the hash (length prefixes).
    EventRecord shifted = e;
    shifted.actor = "sar";
    shifted.role = "iadmin";
    CHECK(compute_event_hash(shifted) != h);
}
