#include "applicants.hpp"

#include "alur/workflows/legal_bases.hpp"
#include "alur/workflows/open_selection.hpp"
#include "alur/workflows/selection_reasons.hpp"
#include "case_data.hpp"

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <tuple>

namespace alur::open_selection {

const std::vector<std::string>& ranks() {
    static const std::vector<std::string> all{"III/a", "III/b", "III/c", "III/d", "IV/a",
                                              "IV/b",  "IV/c",  "IV/d",  "IV/e"};
    return all;
}

const std::vector<std::string>& education_levels() {
    static const std::vector<std::string> all{"SMA", "D-I", "D-II", "D-III", "D-IV", "S1", "S2", "S3"};
    return all;
}

const std::vector<std::string>& applicant_statuses() {
    static const std::vector<std::string> all{"registered", "withdrawn",   "eligible",
                                              "failed",     "shortlisted", "chosen"};
    return all;
}

std::string number_text(double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", x);
    std::string s = buf;
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s;
}

namespace detail {
namespace {

using namespace alur::workflows;

// The rule the pansel and shortlist refusals cite (their events carry no
// date): the open, competitive filling of JPT posts (pengisian JPT secara
// terbuka dan kompetitif). The dated refusals cite the registry's basis in
// force on the judged act's date (legal_bases.hpp).
const std::string rule = "PermenPAN-RB 15/2019: ";
constexpr int max_extensions = 2;

/// "PermenPAN-RB 15/2019: " as in force on `on`.
std::string cite(std::string_view id, Date on) { return rules::cite(id, on) + ": "; }
constexpr std::size_t min_to_close = 4;  // more than 3 eligible applicants per post
constexpr std::size_t shortlist_size = 3;

const json::array no_applicants;

const json::array& applicants(const json::object& data) {
    const json::array* a = find_arr(data, "applicants");
    return a ? *a : no_applicants;
}

json::object* find_applicant(json::object& data, std::string_view nip) {
    for (auto& v : arr(data, "applicants"))
        if (v.is_object() && text(v.get_object(), "nip") == nip) return &v.get_object();
    return nullptr;
}

/// "198003152006041001 (Dr. Rina Wati)".
std::string who(const json::object& a) { return text(a, "nip") + " (" + text(a, "name") + ")"; }

int rank_index(std::string_view rank) {
    const auto& all = ranks();
    auto it = std::find(all.begin(), all.end(), rank);
    return it == all.end() ? -1 : static_cast<int>(it - all.begin());
}

/// Whole years of age on `on`.
int age_on(Date birth, Date on) {
    int age = int(on.year()) - int(birth.year());
    if (std::chrono::month_day{on.month(), on.day()} < std::chrono::month_day{birth.month(), birth.day()}) --age;
    return age;
}

Date days_after(Date d, std::int64_t days) {
    return Date{std::chrono::sys_days(d) + std::chrono::days(days)};
}

bool withdrawn(const json::object& a) { return text(a, "status") == "withdrawn"; }

/// The rank of an education level, D-IV and S1 alike; -1 when unknown.
int education_index(std::string_view level) {
    const auto& all = education_levels();
    auto it = std::find(all.begin(), all.end(), level);
    if (it == all.end()) return -1;
    const int i = static_cast<int>(it - all.begin());
    return i >= 5 ? i - 1 : i;  // S1 (5) ranks with D-IV (4)
}

/// "S1/D-IV" for the two that rank alike.
std::string education_text(const std::string& level) {
    return level == "S1" ? "S1/D-IV" : level == "D-IV" ? "D-IV/S1" : level;
}

std::string years_text(double years) { return number_text(years) + (years == 1 ? " year" : " years"); }

/// data.requirements, with the registration's closing day (as extended) for an age judged on it.
json::object requirements_of(const json::object& data) {
    const json::object* r = find_obj(data, "requirements");
    json::object out = r ? *r : json::object{};
    if (const json::object* reg = find_obj(data, "registration"); reg && out.contains("age_on"))
        if (const json::value* closes = reg->if_contains("closes")) out["registration_closes"] = *closes;
    return out;
}

/// Applicants not withdrawn who meet the requirements on `on`, and those not withdrawn.
std::pair<std::size_t, std::size_t> eligible_of(const json::object& data, Date on) {
    std::size_t eligible = 0, active = 0;
    const json::object requirements = requirements_of(data);
    for (const auto& v : applicants(data)) {
        const json::object& a = v.get_object();
        if (withdrawn(a)) continue;
        ++active;
        if (requirement_failures(a, requirements, on).empty()) ++eligible;
    }
    return {eligible, active};
}

/// 3, or with the oversight body's approval to continue with fewer, the eligible applicants if fewer.
std::size_t shortlist_length(const json::object& data) {
    if (!data.contains("continuation")) return shortlist_size;
    std::size_t eligible = 0;
    for (const auto& v : applicants(data))
        if (text(v.get_object(), "status") == "eligible") ++eligible;
    return std::clamp<std::size_t>(eligible, 1, shortlist_size);
}

int extensions_used(const json::object& data) {
    const json::object* reg = find_obj(data, "registration");
    const json::array* ext = reg ? find_arr(*reg, "extensions") : nullptr;
    return ext ? static_cast<int>(ext->size()) : 0;
}

std::string extensions_text(int used) {
    return std::to_string(used) + " of " + std::to_string(max_extensions) + " extensions used";
}

const char* stage_state(Stage s) { return s == Stage::assessment ? "assessment" : "track_record_and_interview"; }

bool scored_in_interview(std::string_view component) { return component == "interview" || component == "track_record"; }

/// The applicant's total, or -1 without one.
double total_of(const json::object& a) {
    const json::value* t = a.if_contains("total");
    return t && t->is_number() ? number(*t) : -1;
}

}  // namespace

std::vector<std::string> stage_components(const rules::ScoringProfile& p, Stage stage) {
    std::vector<std::string> out;
    for (const auto& [component, weight] : p.weights)
        if (scored_in_interview(component) == (stage == Stage::interview)) out.push_back(component);
    return out;
}

const json::object* find_applicant(const json::object& data, std::string_view nip) {
    for (const auto& v : applicants(data))
        if (v.is_object() && text(v.get_object(), "nip") == nip) return &v.get_object();
    return nullptr;
}

std::vector<std::string> requirement_failures(const json::object& a, const json::object& req, Date on,
                                              std::string_view basis) {
    std::vector<std::string> reasons;
    for (const auto& f : requirement_failures_of(a, req, on)) reasons.push_back(failure_text(f, basis));
    return reasons;
}

// --- Guards --------------------------------------------------------------------

Refusal pansel_refusal(const json::object&, const json::object& p) {
    const auto members = static_cast<std::int64_t>(number(p.at("member_count")));
    if (members % 2 == 1 && members >= 5 && members <= 9) return std::nullopt;
    return rule + "the pansel (selection committee) has an odd number of members, at least 5 and at most 9 (got " +
           std::to_string(members) + ")";
}

Refusal registration_refusal(const json::object& data, const json::object& p) {
    if (const json::object* a = find_applicant(data, text(p, "nip")))
        return "NIP " + text(p, "nip") + " is already registered for this post: " + who(*a) + ", " + text(*a, "status");
    // An event written before registered_on was snapshot is judged as it was then: accepted.
    const json::object* reg = find_obj(data, "registration");
    if (!p.contains("registered_on") || !reg || !reg->contains("closes")) return std::nullopt;
    const Date on = date_of(p, "registered_on"), closes = date_of(*reg, "closes");
    if (std::chrono::sys_days{on} <= std::chrono::sys_days{closes}) return std::nullopt;
    const int used = extensions_used(data);
    return cite("open_selection_registration", on) + "registration closed on " + format_date(closes) +
           (used ? " (as extended, " + extensions_text(used) + ")" : std::string()) + "; NIP " + text(p, "nip") +
           " (" + text(p, "name") + ") registered on " + format_date(on) + ", too late";
}

Refusal withdrawal_refusal(const json::object& data, const json::object& p) {
    const json::object* a = find_applicant(data, text(p, "nip"));
    if (!a) return "no applicant with NIP " + text(p, "nip");
    if (withdrawn(*a)) return who(*a) + " has already withdrawn";
    return std::nullopt;
}

Refusal extension_refusal(const json::object& data, const json::object& p) {
    const Date on = date_of(p, "extended_on");
    const std::string rule = cite("open_selection_extension", on);
    const auto [eligible, active] = eligible_of(data, on);
    if (eligible >= min_to_close)
        return rule + "registration is extended only while 3 or fewer eligible applicants have registered for the post (have " +
               std::to_string(eligible) + " on " + format_date(on) + "); close it with registration_closed";
    const int used = extensions_used(data);
    if (used >= max_extensions)
        return rule + "registration may be extended at most twice (" + extensions_text(used) + "); with " +
               std::to_string(eligible) + " eligible applicants the selection cannot go on: " +
               (active == 0 ? "fill the post through a job fit with filled_by_job_fit, or cancel the case with cancelled"
                            : "continue with the oversight body's written approval (continuation_approved), or "
                              "cancel the case with cancelled");
    const auto days = static_cast<std::int64_t>(number(p.at("days")));
    if (const json::value* max = p.if_contains("max_days"); max && days > number(*max))
        return rule + "an extension is at most " + number_text(number(*max)) + " working days (asked " +
               std::to_string(days) + "; [open_selection] max_extension_days)";
    if (const json::object* excerpt = find_obj(p, "calendar")) {
        const json::object* reg = find_obj(data, "registration");
        const Date closes = reg ? date_of(*reg, "closes") : on;
        if (!working_days_after(*excerpt, closes, days))
            return "the registration's closing date " + format_date(closes) + " lies too far from the extension's date " +
                   format_date(on) + " to count " + std::to_string(days) + " working days (calendar " +
                   text(*excerpt, "from") + " to " + text(*excerpt, "until") + ")";
    }
    return std::nullopt;
}

Refusal closing_refusal(const json::object& data, const json::object& p) {
    const Date on = date_of(p, "closed_on");
    const auto [eligible, active] = eligible_of(data, on);
    if (eligible >= min_to_close) return std::nullopt;
    if (data.contains("continuation") && eligible > 0) return std::nullopt;  // the oversight body's approval
    const int used = extensions_used(data);
    return cite("open_selection_min_applicants", on) +
           "registration may close only with more than 3 eligible applicants for the post (have " +
           std::to_string(eligible) + " eligible of " + std::to_string(active) + " applicants on " + format_date(on) +
           "); " +
           (used < max_extensions
                ? "extend it with registration_extended (" + extensions_text(used) + ")"
                : "it may not be extended again (" + extensions_text(used) + "): " +
                      (active == 0 ? "fill the post through a job fit with filled_by_job_fit, or cancel the case "
                                     "with cancelled"
                                   : "continue with the oversight body's written approval (continuation_approved), "
                                     "or cancel the case with cancelled"));
}

Refusal continuation_refusal(const json::object& data, const json::object& p) {
    const Date on = date_of(p, "date");
    const std::string rule = cite("open_selection_continuation", on);
    const auto [eligible, active] = eligible_of(data, on);
    if (data.contains("continuation")) return rule + "the continuation is already approved";
    const int used = extensions_used(data);
    if (used < max_extensions)
        return rule + "the selection continues with fewer applicants only after the registration was extended twice (" +
               extensions_text(used) + "): extend it with registration_extended";
    if (eligible >= min_to_close)
        return rule + "with " + std::to_string(eligible) + " eligible applicants no approval is needed: close the "
               "registration with registration_closed";
    if (eligible == 0)
        return rule + "no eligible applicant is left to continue with (" + std::to_string(active) +
               " applicants): " + (active == 0 ? "fill the post through a job fit with filled_by_job_fit, or " : "") +
               "cancel the case with cancelled";
    return std::nullopt;
}

Refusal job_fit_refusal(const json::object& data, const json::object& p) {
    const Date on = date_of(p, "referred_on");
    const std::string rule = cite("open_selection_job_fit", on);
    const int used = extensions_used(data);
    if (used < max_extensions)
        return rule + "a post is filled through a job fit only when nobody applied after the registration was "
               "extended twice (" + extensions_text(used) + "): extend it with registration_extended";
    const auto [eligible, active] = eligible_of(data, on);
    if (active > 0)
        return rule + "a post is filled through a job fit only when nobody applied (" + std::to_string(active) +
               " applicants, " + std::to_string(eligible) + " eligible): " +
               (eligible > 0 ? "continue with continuation_approved, or " : "") + "cancel the case with cancelled";
    return std::nullopt;
}

Refusal administrative_refusal(const json::object& data, const json::object& p) {
    const Date on = date_of(p, "checked_on");
    const auto [eligible, active] = eligible_of(data, on);
    if (eligible >= shortlist_size) return std::nullopt;
    if (data.contains("continuation") && eligible > 0) return std::nullopt;  // a shortlist of them all
    return cite("open_selection_min_applicants", on) + "a shortlist of 3 needs at least 3 applicants who meet the administrative requirements (have " +
           std::to_string(eligible) + " of " + std::to_string(active) + " on " + format_date(on) +
           "): cancel the case with cancelled";
}

template <Stage S>
Refusal score_refusal(const json::object& data, const json::object& p) {
    const json::object* a = find_applicant(data, text(p, "nip"));
    if (!a) return "no applicant with NIP " + text(p, "nip");
    if (text(*a, "status") != "eligible")
        return who(*a) + " is " + text(*a, "status") +
               ": only applicants who meet the administrative requirements are scored";
    const std::string component = text(p, "component");
    if (scored_in_interview(component) != (S == Stage::interview))
        return "component '" + component + "' is scored in " +
               stage_state(S == Stage::interview ? Stage::assessment : Stage::interview) + ", not in " + stage_state(S);
    return std::nullopt;
}
template Refusal score_refusal<Stage::assessment>(const json::object&, const json::object&);
template Refusal score_refusal<Stage::interview>(const json::object&, const json::object&);

template <Stage S>
Refusal stage_refusal(const json::object& data, const json::object&) {
    const auto components = stage_components(profile_at(data), S);
    std::string missing;
    for (const auto& v : applicants(data)) {
        const json::object& a = v.get_object();
        if (text(a, "status") != "eligible") continue;
        const json::object* scores = find_obj(a, "scores");
        std::vector<std::string> lacking;
        for (const auto& c : components)
            if (!scores || !scores->contains(c)) lacking.push_back(c);
        if (!lacking.empty()) missing += (missing.empty() ? "" : "; ") + who(a) + " still needs " + joined(lacking);
    }
    if (missing.empty()) return std::nullopt;
    return std::string("scoring in ") + stage_state(S) + " is incomplete: " + missing + " (add each with score_recorded)";
}
template Refusal stage_refusal<Stage::assessment>(const json::object&, const json::object&);
template Refusal stage_refusal<Stage::interview>(const json::object&, const json::object&);

Refusal shortlist_refusal(const json::object& data, const json::object& p) {
    static constexpr std::array<const char*, shortlist_size> places{"first", "second", "third"};
    const std::size_t n = shortlist_length(data);
    const std::string count = std::to_string(n);
    const std::string lead = rule + "the shortlist is the " + count + " eligible applicants with the best totals, in order" +
                             (n < shortlist_size ? " (fewer with the oversight body's approval to continue)" : "") + ": ";
    for (std::size_t i = n; i < shortlist_size; ++i)
        if (p.contains(places[i]))
            return lead + std::string(places[i]) + " is named, but only " + count + " applicants are eligible";
    std::array<const json::object*, shortlist_size> named{};
    for (std::size_t i = 0; i < n; ++i) {
        if (!p.contains(places[i])) return lead + std::string(places[i]) + " is not named";
        const std::string nip = text(p, places[i]);
        for (std::size_t j = 0; j < i; ++j)
            if (text(p, places[j]) == nip)
                return lead + "NIP " + nip + " is both " + places[j] + " and " + places[i] + " (" + count +
                       " different applicants are named)";
        named[i] = find_applicant(data, nip);
        if (!named[i]) return lead + std::string(places[i]) + ": no applicant with NIP " + nip;
        if (text(*named[i], "status") != "eligible" || total_of(*named[i]) < 0)
            return lead + places[i] + ": " + who(*named[i]) + " is " + text(*named[i], "status") + ", not an eligible scored applicant";
    }
    for (std::size_t i = 1; i < n; ++i)
        if (total_of(*named[i]) > total_of(*named[i - 1]))
            return lead + places[i] + " " + who(*named[i]) + " has total " + number_text(total_of(*named[i])) +
                   ", above " + places[i - 1] + " " + who(*named[i - 1]) + " with " +
                   number_text(total_of(*named[i - 1]));
    const double last = total_of(*named[n - 1]);
    for (const auto& v : applicants(data)) {
        const json::object& a = v.get_object();
        if (text(a, "status") != "eligible" || std::find(named.begin(), named.end(), &a) != named.end()) continue;
        if (total_of(a) > last)
            return lead + who(a) + " has total " + number_text(total_of(a)) + ", above " + places[n - 1] + " " +
                   who(*named[n - 1]) + " with " + number_text(last) + ", and is not on the shortlist";
    }
    return std::nullopt;
}

Refusal choice_refusal(const json::object& data, const json::object& p) {
    const std::string nip = text(p, "nip");
    std::vector<std::string> listed;
    if (const json::array* shortlist = find_arr(data, "shortlist"))
        for (const auto& v : *shortlist) {
            const std::string s(v.as_string());
            if (s == nip) return std::nullopt;
            const json::object* a = find_applicant(data, s);
            listed.push_back(a ? who(*a) : s);
        }
    return cite("open_selection_shortlist", date_of(p, "decided_on")) + "the PPK chooses one of the " +
           std::to_string(listed.size()) + " shortlisted applicants (" + joined(listed) + "); NIP " + nip +
           " is not one of them";
}

// --- Actions -------------------------------------------------------------------

void open_vacancy(json::object& data, const json::object& p) {
    for (const char* key : {"post", "unit", "grade", "scoring_profile"}) data[key] = p.at(key);
    if (const json::value* batch = p.if_contains("jobfit_batch")) data["jobfit_batch"] = *batch;
}

void announce(json::object& data, const json::object& p) {
    data["announcement"] = json::object{{"ref", p.at("ref")}, {"date", p.at("date")},
                                        {"registration_closes", p.at("registration_closes")}};
    json::object req{{"min_rank", p.at("min_rank")},
                     {"min_years_in_post", p.at("min_years_in_post")},
                     {"max_age", p.at("max_age")}};
    // The art. 107 checks snapshot for the post's grade (an announcement of before: none).
    if (const json::object* statutory = find_obj(p, "statutory_requirements"))
        if (const json::object* of_grade = find_obj(*statutory, text(data, "grade")))
            for (const auto& [key, value] : *of_grade) req[key] = value;
    data["requirements"] = std::move(req);
    data["registration"] = json::object{{"closes", p.at("registration_closes")}, {"extensions", json::array{}}};
}

void add_applicant(json::object& data, const json::object& p) {
    json::object a;
    for (const char* key : {"nip", "name", "current_post", "rank", "years_in_post", "birth_date", "disciplinary"})
        a[key] = p.at(key);
    for (const char* key : {"education", "years_related_experience", "years_in_admin_post", "registered_on"})
        if (const json::value* v = p.if_contains(key)) a[key] = *v;
    a["status"] = "registered";
    a["reasons"] = json::array{};
    a["scores"] = json::object{};
    arr(data, "applicants").push_back(std::move(a));
}

void withdraw_applicant(json::object& data, const json::object& p) {
    json::object& a = *find_applicant(data, text(p, "nip"));
    a["status"] = "withdrawn";
    a["reasons"] = json::array{p.at("reason")};
}

void extend_registration(json::object& data, const json::object& p) {
    json::object& reg = obj(data, "registration");
    const auto days = static_cast<std::int64_t>(number(p.at("days")));
    const Date from = date_of(reg, "closes");
    json::object ext{{"days", days}, {"reason", p.at("reason")}, {"extended_on", p.at("extended_on")}};
    std::string closes;
    if (const json::object* excerpt = find_obj(p, "calendar")) {
        closes = format_date(working_days_after(*excerpt, from, days).value());  // the guard checked the range
        ext["counted"] = "working_days";
    } else {
        closes = format_date(days_after(from, days));  // written before working days were counted
    }
    ext["closes"] = closes;
    arr(reg, "extensions").push_back(std::move(ext));
    reg["closes"] = closes;
}

void record_continuation(json::object& data, const json::object& p) { data["continuation"] = p; }

void refer_to_job_fit(json::object& data, const json::object& p) { data["job_fit"] = p; }

void close_registration(json::object& data, const json::object& p) {
    obj(data, "registration")["closed_on"] = p.at("closed_on");
}

void mark_eligibility(json::object& data, const json::object& p) {
    const Date on = date_of(p, "checked_on");
    const json::object requirements = requirements_of(data);
    std::int64_t eligible = 0, failed = 0;
    for (auto& v : arr(data, "applicants")) {
        json::object& a = v.get_object();
        if (withdrawn(a)) continue;
        json::array reasons;
        for (auto& r : requirement_failures(a, requirements, on, text(p, "requirements_basis")))
            reasons.emplace_back(r);
        a["status"] = reasons.empty() ? "eligible" : "failed";
        ++(reasons.empty() ? eligible : failed);
        a["reasons"] = std::move(reasons);
    }
    data["administrative"] = json::object{{"checked_on", p.at("checked_on")}, {"eligible", eligible}, {"failed", failed}};
}

void record_score(json::object& data, const json::object& p) {
    obj(*find_applicant(data, text(p, "nip")), "scores")[text(p, "component")] = p.at("value");
}

void rank_applicants(json::object& data, const json::object&) {
    const rules::ScoringProfile profile = profile_at(data);
    std::vector<double> totals;
    for (auto& v : arr(data, "applicants")) {
        json::object& a = v.get_object();
        if (text(a, "status") != "eligible") continue;
        const double total = rules::score(profile, scores_of(find_obj(a, "scores"))).total;
        a["total"] = total;
        totals.push_back(total);
    }
    for (auto& v : arr(data, "applicants")) {
        json::object& a = v.get_object();
        if (text(a, "status") != "eligible") continue;
        const double total = total_of(a);
        a["ranking"] = 1 + std::count_if(totals.begin(), totals.end(), [total](double t) { return t > total; });
    }
}

void set_shortlist(json::object& data, const json::object& p) {
    json::array shortlist;
    for (const char* place : {"first", "second", "third"}) {
        if (!p.contains(place)) continue;  // fewer than 3 eligible, with the approval to continue
        shortlist.push_back(p.at(place));
        (*find_applicant(data, text(p, place)))["status"] = "shortlisted";
    }
    data["shortlist"] = std::move(shortlist);
}

void set_choice(json::object& data, const json::object& p) {
    json::object& a = *find_applicant(data, text(p, "nip"));
    a["status"] = "chosen";
    data["choice"] = json::object{{"nip", p.at("nip")}, {"name", a.at("name")}, {"decided_on", p.at("decided_on")}};
}

}  // namespace detail

// --- Failures as data (selection_reasons.hpp) -----------------------------------------

namespace json = boost::json;

namespace {
constexpr std::string_view statutory_rule = "jpt_pratama_requirements";

RequirementFailure failure(std::string kind, std::string_view rule) {
    RequirementFailure f;
    f.kind = std::move(kind);
    f.rule = std::string(rule);
    return f;
}
}  // namespace

std::vector<RequirementFailure> requirement_failures_of(const json::object& a, const json::object& req, Date on) {
    using namespace detail;
    std::vector<RequirementFailure> out;
    const std::string min_rank = text(req, "min_rank");
    if (!min_rank.empty() && rank_index(text(a, "rank")) < rank_index(min_rank)) {
        RequirementFailure f = failure("rank_below", "announcement");
        f.stated = text(a, "rank");
        f.required = min_rank;
        out.push_back(std::move(f));
    }
    if (const json::value* min_years = req.if_contains("min_years_in_post")) {
        const double years = number(a.at("years_in_post"));
        if (years < number(*min_years)) {
            RequirementFailure f = failure("years_in_post_below", "announcement");
            f.years = years;
            f.min_years = number(*min_years);
            out.push_back(std::move(f));
        }
    }
    if (const json::value* max_age = req.if_contains("max_age")) {
        // The day the age is judged on: the check's, or the one the requirements name.
        const Date day = text(req, "age_on") == "registration_closes" && req.contains("registration_closes")
                             ? date_of(req, "registration_closes")
                             : on;
        const int age = age_on(date_of(a, "birth_date"), day);
        if (age > number(*max_age)) {
            RequirementFailure f = failure("age_above", "announcement");
            f.age = age;
            f.max_age = number(*max_age);
            f.age_on = day;
            f.on_closing_day = day != on;
            out.push_back(std::move(f));
        }
    }
    const std::string discipline = text(a, "disciplinary");
    if (discipline == "moderate" || discipline == "severe") {
        RequirementFailure f = failure("disciplinary", "announcement");
        f.stated = discipline;
        out.push_back(std::move(f));
    }
    // PP 11/2017 as amended art. 107: snapshot into the requirements by `announced`; a field the
    // applicant did not state fails with that reason.
    if (const std::string min_edu = text(req, "min_education"); !min_edu.empty()) {
        const std::string edu = text(a, "education");
        if (edu.empty() || education_index(edu) < education_index(min_edu)) {
            RequirementFailure f = failure(edu.empty() ? "education_not_stated" : "education_below", statutory_rule);
            f.stated = edu;
            f.required = min_edu;
            out.push_back(std::move(f));
        }
    }
    for (auto [key, field, kind] : {std::tuple{"min_years_related_experience", "years_related_experience",
                                               std::string_view("related_experience")},
                                    std::tuple{"min_years_in_admin_post", "years_in_admin_post",
                                               std::string_view("admin_post")}}) {
        const json::value* min = req.if_contains(key);
        if (!min) continue;
        const json::value* have = a.if_contains(field);
        const bool stated = have && have->is_number();
        if (stated && number(*have) >= number(*min)) continue;
        RequirementFailure f = failure(std::string(kind) + (stated ? "_below" : "_not_stated"), statutory_rule);
        f.years = stated ? number(*have) : 0;
        f.min_years = number(*min);
        out.push_back(std::move(f));
    }
    return out;
}

std::string failure_text(const RequirementFailure& f, std::string_view basis) {
    using namespace detail;
    const std::string suffix = basis.empty() ? std::string() : " (" + std::string(basis) + ")";
    const std::string_view k = f.kind;
    if (k == "rank_below") return "rank " + f.stated + " below the required " + f.required;
    if (k == "years_in_post_below")
        return years_text(f.years) + " in post, fewer than the required " + number_text(f.min_years);
    if (k == "age_above")
        return "age " + std::to_string(f.age) + " on " + format_date(f.age_on) + ", above the limit " +
               number_text(f.max_age) + (f.on_closing_day ? " (the registration's closing day)" : "");
    if (k == "disciplinary") return "disciplinary record: " + f.stated;
    if (k == "education_not_stated")
        return "education not stated; at least " + education_text(f.required) + " is required" + suffix;
    if (k == "education_below")
        return "education " + f.stated + " below the required " + education_text(f.required) + suffix;
    const bool related = k.starts_with("related_experience");
    const std::string what = related ? "of experience related to the post" : "in an administrator or ahli madya post";
    if (k.ends_with("_not_stated"))
        return "years " + what + " not stated; at least " + years_text(f.min_years) + " required" + suffix;
    return years_text(f.years) + " " + what + ", fewer than the required " + number_text(f.min_years) + suffix;
}

std::vector<RequirementFailure> recorded_failures(const json::object& data, const json::object& applicant) {
    using namespace detail;
    const json::object* admin = find_obj(data, "administrative");
    if (!admin || detail::withdrawn(applicant)) return {};
    auto on = parse_date(text(*admin, "checked_on"));
    if (!on) return {};
    return requirement_failures_of(applicant, requirements_of(data), *on);
}

}  // namespace alur::open_selection
