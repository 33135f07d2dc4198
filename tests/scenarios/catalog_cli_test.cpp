// The catalog in the CLI: labels beside the raw names where a person reads
// them (`alur show`, `alur history`, `alur events`), "label" fields beside
// "name" in --json, and a refusal's sentence under its message.
#include "scenario_cli.hpp"

#include <algorithm>

using alur::scenario::Cli;

namespace {
bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("alur show history and events print each name with its label", "[scenario][catalog]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string id = cli.open_case("2025-06-02 09:00");

    auto shown = cli({"show", id, "--now", "2025-06-03 09:00"});
    REQUIRE(shown.exit_code == 0);
    CHECK(has(shown.out, "record_gathering (pengumpulan rekam jejak)"));
    CHECK(has(shown.out, "  records_completed (rekam jejak lengkap)\n"));
    auto english = cli({"--lang", "en", "show", id, "--now", "2025-06-03 09:00"});
    CHECK(has(english.out, "record_gathering (record gathering)"));

    auto json = cli.json({"show", id, "--json", "--now", "2025-06-03 09:00"});
    CHECK(json.at("state").as_string() == "record_gathering");
    CHECK(json.at("state_label").as_string() == "pengumpulan rekam jejak");
    CHECK(json.at("workflow_label").as_string() == "mutasi");

    CHECK(has(cli({"history", id}).out, "#1  opened (kasus dibuka)  "));

    auto events = cli({"events", "mutation"});
    CHECK(has(events.out, "records_completed (rekam jejak lengkap)  -> field_visit (kunjungan lapangan)"));
    auto spec = cli.json({"--lang", "en", "events", "mutation", "--json"});
    CHECK(spec.at("workflow_label").as_string() == "mutation");
    CHECK(spec.at("states").at(0).at("label").as_string() == "record gathering");
    CHECK(spec.at("open_event").at("label").as_string() == "case opened");
    CHECK(spec.at("open_event").at("fields").at(0).at("name").as_string() == "nip");
    CHECK(spec.at("open_event").at("fields").at(0).at("label").as_string() == "NIP");
}

TEST_CASE("a refusal on the CLI also reads as a sentence", "[scenario][catalog]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string id = cli.open_case("2025-06-02 09:00");
    auto r = cli({"advance", id, "visit_completed", "--actor", "sari", "--reason", "coba", "--at", "2025-06-03 09:00"});
    CHECK(r.exit_code == 3);
    CHECK(has(r.err, "no transition from record_gathering on visit_completed"));  // the message scripts read, unchanged
    CHECK(has(r.err, ") — Kunjungan selesai tidak dapat dicatat pada tahap pengumpulan rekam jejak. "
                     "Yang dapat dicatat sekarang: rekam jejak dicatat, "));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);  // still one line
}
