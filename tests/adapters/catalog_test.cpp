// The one catalog of the CLI and the page (adapters/i18n): every name of
// every workflow has an Indonesian and an English label, every rule of
// legal_bases.json its title and what to do next, the page strings are
// well-formed, and refusals are read back into their parts and sentences.
#include "alur/i18n/citation.hpp"
#include "alur/i18n/help_texts.hpp"
#include "alur/i18n/labels.hpp"
#include "alur/i18n/page_strings.hpp"
#include "alur/i18n/refusal.hpp"
#include "alur/i18n/rule_texts.hpp"

#include "alur/engine/engine.hpp"
#include "alur/engine/timers.hpp"
#include "alur/workflows/development.hpp"
#include "alur/workflows/job_fit.hpp"
#include "alur/workflows/legal_bases.hpp"
#include "alur/workflows/mutation.hpp"
#include "alur/workflows/open_selection.hpp"
#include "alur/workflows/performance_review.hpp"
#include "mutation_fixture.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

using namespace alur;
using namespace alur::i18n;

namespace {

std::vector<std::shared_ptr<const Workflow>> every_workflow() {
    // The composition root's list (adapters/cli/main.cpp).
    return {mutation::make_workflow({}), job_fit::make_workflow({}), open_selection::make_workflow({}),
            development::make_workflow({}), performance_review::make_workflow({})};
}

bool labelled(std::string_view name) {
    const Label* l = find_label(name);
    return l && *l->id && *l->en;
}

/// Every `{...}` of a text, as a sorted multiset: both languages must take the same arguments.
std::multiset<std::string> placeholders(std::string_view text) {
    std::multiset<std::string> out;
    for (std::size_t i = text.find('{'); i != std::string_view::npos; i = text.find('{', i + 1)) {
        const auto close = text.find('}', i);
        if (close == std::string_view::npos) break;
        out.insert(std::string(text.substr(i, close - i + 1)));
    }
    return out;
}

}  // namespace

TEST_CASE("every state event field and choice of every workflow has an Indonesian and an English label",
          "[catalog][labels]") {
    std::vector<std::string> missing;  // "workflow kind name", one per name without a label
    auto need = [&](const std::string& where, const std::string& name) {
        if (!labelled(name)) missing.push_back(where + " " + name);
    };
    const auto workflows = every_workflow();
    REQUIRE(workflows.size() == 5);
    for (const auto& w : workflows) {
        need("workflow", w->name());
        for (const auto& s : w->states()) need(w->name() + " state", s);
        for (const auto& e : w->events()) {
            need(w->name() + " event", e.name);
            for (const auto& r : e.roles) need(w->name() + " role", r);
            for (const auto& f : e.fields) {
                need(w->name() + " " + e.name + " field", f.name);
                for (const auto& c : f.choices) need(w->name() + " " + e.name + "." + f.name + " choice", c);
            }
        }
    }
    // The engine's own events, their payload fields, the timer kinds and the roles.
    for (const char* e : {reminder_event, deadline_event, correction_event, system_role}) need("engine", e);
    for (const char* f : {"timer", "state", "kind", "ordinal", "due_at", "fire_at", "late_ms", "working_days_left",
                          "calendar", "of", "field", "value", "reason"})
        need("engine field", f);
    need("timer kind", to_string(TimerKind::reminder));
    need("timer kind", to_string(TimerKind::deadline));
    need("timer kind", "escalation");
    CHECK(missing == std::vector<std::string>{});
}

TEST_CASE("every help text of every workflow's events and fields has its Indonesian in the catalog",
          "[catalog][help]") {
    std::vector<std::string> missing;  // "workflow event[.field]: English text", one per text without a row
    std::set<std::string> used;
    auto need = [&](const std::string& where, const std::string& en) {
        if (en.empty()) return;
        used.insert(en);
        const HelpText* h = find_help_text(en);
        if (!h || !*h->id || !*h->en) missing.push_back(where + ": " + en);
    };
    for (const auto& w : every_workflow())
        for (const auto& e : w->events()) {
            need(w->name() + " " + e.name, e.help);
            for (const auto& f : e.fields) need(w->name() + " " + e.name + "." + f.name, f.help);
        }
    CHECK(missing == std::vector<std::string>{});
    std::vector<std::string> unused, twice;  // a row no workflow has (any more), a text twice
    std::set<std::string> seen;
    for (const auto& h : help_texts()) {
        if (!used.count(h.en)) unused.push_back(h.en);
        if (!seen.insert(h.en).second) twice.push_back(h.en);
    }
    CHECK(unused == std::vector<std::string>{});
    CHECK(twice == std::vector<std::string>{});
    CHECK(used.size() > 200);
    CHECK(help_text("18-digit NIP", Lang::id) == "NIP 18 angka");
    CHECK(help_text("18-digit NIP", Lang::en) == "18-digit NIP");
    CHECK(help_text("a text with no row", Lang::id) == "a text with no row");
}

TEST_CASE("the label table has each name once with both texts", "[catalog][labels]") {
    std::set<std::string> seen;
    std::vector<std::string> bad;
    for (const auto& l : labels()) {
        if (!seen.insert(l.name).second) bad.push_back(std::string("twice: ") + l.name);
        if (!*l.id || !*l.en) bad.push_back(std::string("empty: ") + l.name);
    }
    CHECK(bad == std::vector<std::string>{});
    CHECK(labels().size() > 250);
    CHECK(label("field_visit", Lang::id) == "kunjungan lapangan");
    CHECK(label("field_visit", Lang::en) == "field visit");
    CHECK(label("no_such_name", Lang::id) == "no_such_name");
}

TEST_CASE("every rule of legal_bases.json has a title and what to do next in both languages", "[catalog][rules]") {
    std::vector<std::string> missing;
    for (const auto& rule : rules::registry()) {
        const RuleText* t = find_rule_text(rule.id);
        if (!t || !*t->title_id || !*t->title_en || !*t->what_to_do_id || !*t->what_to_do_en) missing.push_back(rule.id);
    }
    CHECK(missing == std::vector<std::string>{});
    std::vector<std::string> unknown;  // a row for a rule the registry does not have
    for (const auto& t : rule_texts())
        if (!rules::find_rule(t.id)) unknown.push_back(t.id);
    CHECK(unknown == std::vector<std::string>{});
    CHECK(rule_texts().size() == rules::registry().size());
    CHECK_THAT(find_rule_text("jpt_two_year_lock")->what_to_do_id, Catch::StartsWith("Tunggu hingga 2 tahun sejak pelantikan"));
}

TEST_CASE("the page strings have each key once and the same placeholders in both languages", "[catalog][page]") {
    std::set<std::string> seen;
    std::vector<std::string> bad;
    for (const auto& s : page_strings()) {
        if (!seen.insert(s.key).second) bad.push_back(std::string("twice: ") + s.key);
        if (!*s.id || !*s.en) bad.push_back(std::string("empty: ") + s.key);
        if (placeholders(s.id) != placeholders(s.en)) bad.push_back(std::string("placeholders differ: ") + s.key);
    }
    CHECK(bad == std::vector<std::string>{});
    // The page's T table moved here with its keys (adapters/http/web/app.js).
    for (const char* key : {"tagline", "sign_in", "late", "late_one", "late_today", "left", "calendar_gap", "submitted"})
        CHECK(find_page_string(key) != nullptr);
}

TEST_CASE("fill replaces {} in order and {N} by position", "[catalog][page]") {
    CHECK(fill("terlambat {} hari kerja", {"3"}) == "terlambat 3 hari kerja");
    CHECK(fill("{1} then {0}, {}", {"a", "b"}) == "b then a, a");
    CHECK(fill("{} and {}", {"x"}) == "x and {}");
    CHECK(fill("{x} {9}", {"a"}) == "{x} {9}");
    CHECK(fill(find_page_string("left_one")->en, {"1"}) == "1 working day left");
}

TEST_CASE("a refusal is read into its event state kind and rule and reads as a sentence", "[catalog][refusal]") {
    test::MutationFixture f;
    const boost::json::object approve{{"decision", "approve"}, {"post", "Kepala Dinas Kesehatan"}, {"sk_number", "821/12/2025"}};
    SECTION("a guard citing the two-year lock") {
        auto id = f.case_in("ppk_decision", "jpt_pratama", "2023-05-02", "2025-04-01T09:00");
        auto r = f.send(id, "ppk_decided", approve, "2025-05-01T10:00", "ppk");
        REQUIRE_FALSE(r);
        auto why = explain_refusal(r.error());
        REQUIRE(why);
        CHECK(why->kind == "guard");
        CHECK(why->event == "ppk_decided");
        CHECK(why->state == "ppk_decision");
        CHECK(why->rule == "jpt_two_year_lock");
        CHECK(why->basis == rules::cite("jpt_two_year_lock", parse_date("2025-05-01").value()));
        const std::string id_text = refusal_sentence(*why, Lang::id);
        CHECK(id_text == "Keputusan PPK tidak dapat dicatat pada tahap keputusan PPK: pejabat JPT belum 2 tahun sejak "
                         "pelantikan. Dasar: " + alur::i18n::citation_text(why->basis, Lang::id) +
                             ". Yang dapat dilakukan: " +
                             find_rule_text("jpt_two_year_lock")->what_to_do_id + ".");
        CHECK(id_text.find("UU 5/2014 pasal 116 ayat (1)") != std::string::npos);
        CHECK_THAT(refusal_sentence(*why, Lang::en), Catch::StartsWith("PPK's decision cannot be recorded at the PPK "
                                                                       "decision stage: the JPT official"));
    }
    SECTION("no transition from the state, with the events allowed now") {
        auto id = f.case_in("record_gathering");
        auto r = f.send(id, "visit_completed", {});
        REQUIRE_FALSE(r);
        auto why = explain_refusal(r.error());
        REQUIRE(why);
        CHECK(why->kind == "no_transition");
        CHECK(why->event == "visit_completed");
        CHECK(why->state == "record_gathering");
        CHECK(why->rule.empty());
        CHECK(std::find(why->allowed.begin(), why->allowed.end(), "records_completed") != why->allowed.end());
        CHECK_THAT(refusal_sentence(*why, Lang::id),
                   Catch::StartsWith("Kunjungan selesai tidak dapat dicatat pada tahap pengumpulan rekam jejak. "
                                     "Yang dapat dicatat sekarang: ") &&
                       Catch::Contains("rekam jejak lengkap"));
    }
    SECTION("a role that may not submit the event") {
        auto id = f.case_in("ppk_decision");
        auto r = f.send(id, "ppk_decided", approve, "", "auditor");
        REQUIRE_FALSE(r);
        auto why = explain_refusal(r.error());
        REQUIRE(why);
        CHECK(why->kind == "role");
        CHECK(why->event == "ppk_decided");
        CHECK(why->role == "auditor");
        CHECK(why->allowed == std::vector<std::string>{"ppk"});
        CHECK(refusal_sentence(*why, Lang::id) ==
              "Keputusan PPK tidak dapat dicatat oleh peran auditor. Mintalah pengguna dengan peran yang berwenang.");
    }
    SECTION("a case that has ended") {
        auto id = f.case_in("record_gathering");
        f.send(id, "withdrawn", {{"reason", "mengundurkan diri"}}).value();
        auto r = f.send(id, "records_completed", {});
        REQUIRE_FALSE(r);
        auto why = explain_refusal(r.error());
        REQUIRE(why);
        CHECK(why->kind == "final");
        CHECK(why->state == "withdrawn");
        CHECK(refusal_sentence(*why, Lang::id) == "Rekam jejak lengkap tidak dapat dicatat: kasus sudah selesai pada tahap ditarik.");
    }
    SECTION("a guard that applies a rule without citing it") {
        auto id = f.case_in("record_gathering");
        auto r = f.send(id, "records_completed", {});
        REQUIRE_FALSE(r);
        auto why = explain_refusal(r.error());
        REQUIRE(why);
        CHECK(why->kind == "guard");
        CHECK(why->rule == "mutation_records");
        CHECK(why->basis == rules::find_rule("mutation_records")->bases.front().cite);
        CHECK_THAT(why->reason, Catch::StartsWith("record gathering is incomplete: missing "));
        CHECK_THAT(refusal_sentence(*why, Lang::id),
                   Catch::StartsWith("Rekam jejak lengkap tidak dapat dicatat pada tahap pengumpulan rekam jejak: "
                                     "rekam jejak atau kunjungan lapangan belum lengkap. Dasar: "));
    }
    SECTION("errors that are no refusals have no explanation") {
        CHECK_FALSE(explain_refusal(make_error(errc::invalid_input, "field 'nip' is required", "nip")));
        CHECK_FALSE(explain_refusal(make_error(errc::not_found, "no case MUT-000009")));
    }
}

TEST_CASE("a citation several rules share is settled by the event refused", "[catalog][refusal]") {
    const Date on = parse_date("2025-06-02").value();
    const std::string registration = rules::cite("open_selection_registration", on);
    const std::string shortlist = rules::cite("open_selection_shortlist", on);
    // The case this test is for: both rules cite one regulation on this date.
    REQUIRE(registration == shortlist);
    auto late = explain_refusal(make_error(errc::refused, "applicant_registered refused in registration: " + registration +
                                                              ": registration closed on 2025-05-30"));
    REQUIRE(late);
    CHECK(late->rule == "open_selection_registration");
    CHECK(late->basis == registration);
    auto choice = explain_refusal(
        make_error(errc::refused, "ppk_chose refused in ppk_choice: " + shortlist + ": the PPK chooses one of the 3"));
    REQUIRE(choice);
    CHECK(choice->rule == "open_selection_shortlist");
    // A citation in parentheses after the reason counts too (the acting-official rule).
    auto c = find_citation("no vacancy on 2025-06-02 (" + rules::cite("acting_official", on) + ")");
    REQUIRE(c);
    CHECK(c->rule == "acting_official");
}

TEST_CASE("a citation reads in Indonesian as pasal and ayat and every registry citation loses its English words",
          "[catalog][citation]") {
    using alur::cli::Lang;
    using alur::i18n::citation_text;
    CHECK(citation_text("UU 5/2014 art. 116(1)", Lang::id) == "UU 5/2014 pasal 116 ayat (1)");
    CHECK(citation_text("UU 5/2014 art. 116(1)", Lang::en) == "UU 5/2014 art. 116(1)");
    CHECK(citation_text("PP 30/2019 art. 58(1)-(4)", Lang::id) == "PP 30/2019 pasal 58 ayat (1)-(4)");
    CHECK(citation_text("PP 30/2019 art. 58(5) and UU 20/2023 art. 52(3)(f)", Lang::id) ==
          "PP 30/2019 pasal 58 ayat (5) dan UU 20/2023 pasal 52 ayat (3) huruf f");
    CHECK(citation_text("PP 11/2017 art. 131-132 (a JPT post filled by mutation through a competency test)", Lang::id) ==
          "PP 11/2017 pasal 131-132 (JPT diisi melalui mutasi dengan uji kompetensi)");
    CHECK(citation_text("PP 11/2017 as amended by PP 17/2020 art. 107", Lang::id) ==
          "PP 11/2017 sebagaimana diubah dengan PP 17/2020 pasal 107");
    CHECK(citation_text("the scoring profile (agency practice)", Lang::id) == "profil penilaian (praktik instansi)");
    // Every citation of the registry, in Indonesian, keeps no English connecting word or article mark.
    for (const auto& rule : alur::rules::registry())
        for (const auto& basis : rule.bases) {
            const std::string id = citation_text(basis.cite, Lang::id);
            INFO(rule.id << ": " << basis.cite << " -> " << id);
            for (const char* english : {"art. ", " and ", "as amended", "continued by", " until ", "the "})
                CHECK(id.find(english) == std::string::npos);
        }
}
