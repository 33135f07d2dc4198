// Fuzzes the payload codec of every workflow (mutation, job_fit,
// open_selection): arbitrary JSON for any event name through
// Workflow::prepare and validate_payload, then into the workflow's machine.
//
// Input: a first line "<workflow> <event> [<datetime>]" (a name that is not
// known picks one by the line's hash, so every input reaches some event;
// the datetime, WIB, is the event's time, default 2025-06-03T10:00), then the
// payload as JSON text.
//
// Checks: a refusal is invalid_input naming its field (refused or
// invalid_input from the machine); a payload accepted has only the spec's
// fields, every required one; it reads back from its canonical JSON as
// itself, validates again as itself and is prepared again as itself (what
// replay and corrections rely on); its texts are valid UTF-8 without control
// characters (check class "text"). The machine, fresh for `opened` and
// otherwise in the state an ordinary `opened` leaves, applies it or refuses
// it cleanly.
#include "fuzz_support.hpp"
#include "fuzz_workflows.hpp"

#include "alur/engine/json.hpp"
#include "alur/engine/text.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <functional>
#include <map>

using namespace alur;
namespace json = boost::json;

namespace {

struct Setup {
    std::vector<std::shared_ptr<const Workflow>> workflows = fuzz::workflows();
    std::vector<std::unique_ptr<CaseMachine>> opened;  ///< per workflow, after an ordinary `opened`
    TimePoint default_time = parse_datetime("2025-06-03T10:00", TimeZone{}).value();

    Setup() {
        const json::object official{{"nip", "197603152005011002"}, {"name", "Drs. Ahmad Fauzi, M.Si"},
                                    {"grade", "jpt_pratama"},     {"post", "Kepala Dinas Pendidikan"},
                                    {"unit", "Dinas Pendidikan"}, {"inaugurated_at", "2020-01-06"}};
        json::object job_fit = official;
        job_fit["batch"] = "JF-2025-001";
        job_fit["as_of"] = "2025-06-02";
        job_fit["birth_date"] = "1976-03-15";
        const json::object selection{{"post", "Kepala Dinas Pendidikan"}, {"unit", "Dinas Pendidikan"}, {"grade", "jpt_pratama"}};
        json::object development = official;
        development["origin"] = "JF-000001";
        json::object review = official;
        review["year"] = 2025;
        // An ordinary opening per workflow, by name: every registered workflow needs one.
        const std::map<std::string, json::object> payloads{{"mutation", official},       {"job_fit", job_fit},
                                                           {"open_selection", selection}, {"development", development},
                                                           {"performance_review", review}};
        for (std::size_t i = 0; i < workflows.size(); ++i) {
            const Workflow& wf = *workflows[i];
            auto prepared = wf.prepare("opened", payloads.at(wf.name()), default_time).value();
            auto valid = validate_payload(*wf.find_event("opened"), prepared, default_time).value();
            auto m = wf.create();
            m->apply(EventInput{"opened", valid, default_time, "sari", "admin", 1}).value();
            opened.push_back(std::move(m));
        }
    }
};

void check_texts(const json::value& v, const std::string& where) {
    if (v.is_string()) {
        const std::string_view s = v.get_string();
        FUZZ_CHECK(is_valid_utf8(s), where + " is not UTF-8");
        const auto problem = text_problem(s, TextKind::free_text, max_free_text_chars, false);
        FUZZ_CHECK(!problem, where + " " + problem.value_or(""));
    } else if (v.is_object()) {
        for (const auto& kv : v.get_object()) check_texts(kv.value(), where + "." + std::string(kv.key()));
    } else if (v.is_array()) {
        for (const auto& e : v.get_array()) check_texts(e, where + "[]");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const Setup setup;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto newline = input.find('\n');
    const std::string_view head = input.substr(0, newline);
    const std::string_view body = newline == std::string_view::npos ? std::string_view{} : input.substr(newline + 1);

    // "<workflow> <event> [<datetime>]"
    std::vector<std::string_view> words;
    for (std::string_view rest = head; !rest.empty();) {
        const auto space = rest.find(' ');
        if (space) words.push_back(rest.substr(0, space));
        if (space == std::string_view::npos) break;
        rest.remove_prefix(space + 1);
    }
    const std::size_t pick = std::hash<std::string_view>{}(head);
    std::size_t w = pick % setup.workflows.size();
    for (std::size_t i = 0; i < setup.workflows.size(); ++i)
        if (!words.empty() && setup.workflows[i]->name() == words[0]) w = i;
    const Workflow& wf = *setup.workflows[w];
    const EventSpec* spec = words.size() > 1 ? wf.find_event(words[1]) : nullptr;
    if (!spec) spec = &wf.events()[pick / 3 % wf.events().size()];
    TimePoint at = setup.default_time;
    if (words.size() > 2)
        if (auto t = parse_datetime(words[2], TimeZone{})) at = *t;

    // The JSON codec: parse_json_object agrees with Boost.JSON.
    json::error_code ec;
    json::value parsed = json::parse(body, ec);
    auto object = parse_json_object(body, "payload");
    FUZZ_CHECK(bool(object) == (!ec && parsed.is_object()), "parse_json_object and json::parse disagree");
    if (!object) {
        FUZZ_CLEAN(object.error(), errc::invalid_input);
        return 0;
    }

    auto prepared = wf.prepare(spec->name, *object, at);
    if (!prepared) {
        FUZZ_CLEAN(prepared.error(), errc::invalid_input);
        return 0;
    }
    auto valid = validate_payload(*spec, *prepared, at);
    if (!valid) {
        FUZZ_CLEAN(valid.error(), errc::invalid_input);
        const std::string& field = valid.error().field;
        // The field named is one of the spec's or a key of the payload (shown with its control characters escaped).
        const bool named = std::any_of(spec->fields.begin(), spec->fields.end(), [&](const FieldSpec& f) { return f.name == field; }) ||
                           std::any_of(prepared->begin(), prepared->end(), [&](const auto& kv) { return escape_controls(kv.key()) == field; });
        FUZZ_CHECK(named, "a payload refusal names no field of the payload or the spec: " + fuzz::describe(valid.error()));
        return 0;
    }

    const std::string what = wf.name() + " " + spec->name;
    for (const auto& kv : *valid)
        FUZZ_CHECK(std::any_of(spec->fields.begin(), spec->fields.end(), [&](const FieldSpec& f) { return f.name == kv.key(); }),
                   what + ": accepted unknown field " + std::string(kv.key()));
    for (const auto& f : spec->fields)
        FUZZ_CHECK(!f.required || valid->contains(f.name), what + ": accepted without " + f.name);
    const std::string canonical = canonical_json(*valid);
    auto back = parse_json_object(canonical, "stored payload");
    FUZZ_CHECK(back && canonical_json(*back) == canonical, what + ": the stored form reads back otherwise: " + canonical);
    auto again = validate_payload(*spec, *valid, at);
    FUZZ_CHECK(again && canonical_json(*again) == canonical, what + ": validating the accepted payload changes it: " + canonical);
    auto reprepared = wf.prepare(spec->name, *valid, at);
    FUZZ_CHECK(reprepared && canonical_json(*reprepared) == canonical, what + ": preparing it again changes it: " + canonical);
    if (!fuzz::skipped("text")) check_texts(*valid, what);

    const bool opening = spec->name == wf.open_event();
    auto machine = opening ? wf.create() : setup.opened[w]->clone();
    const std::string role = spec->roles.empty() ? "admin" : spec->roles.front();
    if (auto applied = machine->apply(EventInput{spec->name, *valid, at, "sari", role, opening ? 1 : 2}); !applied) {
        FUZZ_CLEAN(applied.error(), errc::refused, errc::invalid_input);
    } else {
        const std::string stored = canonical_json(machine->data());
        auto data_back = parse_json_object(stored, "case data");
        FUZZ_CHECK(data_back && canonical_json(*data_back) == stored, what + ": the case data reads back otherwise");
    }
    return 0;
}
