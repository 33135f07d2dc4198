// The acting official (Plt) events: specs, vacancies, rules and changes
// (acting.hpp), and reading data.acting back (alur/workflows/acting.hpp).
#include "acting.hpp"

#include "case_data.hpp"
#include "table_workflow.hpp"

#include "alur/workflows/legal_bases.hpp"

#include <boost/json/parse.hpp>

#include <chrono>

namespace alur {

namespace acting {

bool ActingOfficial::serves_on(Date day) const {
    using std::chrono::sys_days;
    return sys_days{from} <= sys_days{day} && sys_days{day} <= sys_days{last_day()};
}

std::vector<ActingOfficial> acting_officials(const boost::json::object& data) {
    using workflows::text;
    std::vector<ActingOfficial> out;
    const boost::json::array* entries = workflows::find_arr(data, "acting");
    if (!entries) return out;
    for (const auto& v : *entries) {
        if (!v.is_object()) continue;
        const auto& e = v.get_object();
        auto from = parse_date(text(e, "from"));
        auto until = parse_date(text(e, "until"));
        if (!from || !until) continue;
        ActingOfficial a{text(e, "nip"), text(e, "name"), text(e, "post"), text(e, "letter"), *from, *until, {}, {}, 0};
        if (const auto* seq = e.if_contains("seq"); seq && seq->is_int64()) a.seq = seq->get_int64();
        if (const boost::json::object* ended = workflows::find_obj(e, "ended")) {
            if (auto day = parse_date(text(*ended, "date"))) a.ended = *day;
            a.end_reason = text(*ended, "reason");
        }
        out.push_back(std::move(a));
    }
    return out;
}

std::vector<ActingOfficial> acting_officials(std::string_view data_json) {
    if (data_json.find("\"acting\"") == std::string_view::npos) return {};
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(data_json, ec);
    if (ec || !v.is_object()) return {};
    return acting_officials(v.get_object());
}

}  // namespace acting

namespace workflows::acting_rules {
namespace {

using std::chrono::sys_days;

/// " (<the acting_official rule in force on `day`>)".
std::string basis(Date day) { return " (" + rules::cite("acting_official", day) + ")"; }

std::string who(const acting::ActingOfficial& a) { return a.name + " (NIP " + a.nip + ", letter " + a.letter + ")"; }

}  // namespace

EventSpec acting_assigned_event(const TimeZone& tz) {
    return {std::string(acting::assigned_event),
            {nip_field("nip", "the acting official's 18-digit NIP", tz), info_field("name", "the acting official's name"),
             text_field("post", "the vacant post they act in"), date_field("from", "the first day of the assignment"),
             period_until_field("the last day of the assignment (as the warrant says)"),
             info_field("letter", "the warrant (surat perintah) number appointing the Plt")},
            {"admin"},
            "assign an acting official (Plt) to the post this case left vacant"};
}

EventSpec acting_ended_event() {
    return {std::string(acting::ended_event),
            {date_field("date", "the last day the acting official serves"),
             free_text_field("reason", "why the assignment ends early (the post is filled, ...)")},
            {"admin"},
            "end the current acting official's (Plt) assignment early"};
}

Vacancy mutation_vacancy(const json::object& data) {
    Vacancy v;
    if (const json::object* i = find_obj(data, "inauguration"))
        if (auto d = parse_date(text(*i, "date"))) v.since = *d;
    return v;
}

Vacancy job_fit_vacancy(const json::object& data) {
    Vacancy v;
    const json::object* review = find_obj(data, "review");
    const std::string outcome = text(data, "outcome");
    const std::string decision = review ? text(*review, "decision") : std::string();
    if (outcome != "develop" || decision != "approve") {
        v.not_vacant = "this job fit case left no post vacant (outcome '" + outcome + "', PPK's review '" +
                       (decision.empty() ? std::string("none") : decision) +
                       "'): only an approved develop (rest from office) does";
        return v;
    }
    if (auto d = parse_date(text(*review, "decided_on"))) v.since = *d;
    return v;
}

Vacancy open_selection_vacancy(const json::object&) { return {}; }

Refusal assignment_refusal(const Vacancy& vacancy, const json::object& data, const json::object& p) {
    const Date from = date_of(p, "from");
    if (vacancy.not_vacant) return "an acting official (Plt) fills a vacant post, but " + *vacancy.not_vacant + basis(from);
    if (vacancy.since && sys_days{from} < sys_days{*vacancy.since})
        return "the assignment starts " + format_date(from) + ", before the post became vacant on " +
               format_date(*vacancy.since) + basis(from);
    const auto earlier = acting::acting_officials(data);
    if (!earlier.empty() && sys_days{earlier.back().last_day()} >= sys_days{from})
        return "Plt " + who(earlier.back()) + " serves until " + format_date(earlier.back().last_day()) +
               ": a successive Plt starts after that day, or end the assignment first (acting_ended)" + basis(from);
    return std::nullopt;
}

void add_assignment(json::object& data, const json::object& p, std::int64_t seq) {
    json::object entry;
    for (const char* key : {"nip", "name", "post", "from", "until", "letter"})
        if (const json::value* v = p.if_contains(key)) entry[key] = *v;
    entry["seq"] = seq;
    arr(data, "acting").push_back(std::move(entry));
}

Refusal ending_refusal(const json::object& data, const json::object& p) {
    const auto all = acting::acting_officials(data);
    const Date day = date_of(p, "date");
    if (all.empty()) return "no acting official (Plt) is assigned on this case (acting_assigned first)";
    const auto& last = all.back();
    if (last.ended)
        return "Plt " + who(last) + " already ended on " + format_date(*last.ended) + basis(day);
    if (!last.serves_on(day))
        return "the last day " + format_date(day) + " lies outside Plt " + who(last) + "'s period " +
               format_date(last.from) + " to " + format_date(last.until) + basis(day);
    return std::nullopt;
}

void end_assignment(json::object& data, const json::object& p, std::int64_t seq) {
    json::array& entries = arr(data, "acting");
    if (entries.empty() || !entries.back().is_object()) return;  // the guard refuses first
    entries.back().get_object()["ended"] = json::object{{"date", p.at("date")}, {"reason", p.at("reason")}, {"seq", seq}};
}

}  // namespace workflows::acting_rules
}  // namespace alur
