// The mutation workflow as the law stood on each act's date, told through the
// real `alur` binary (issue 12). Sources, as docs/LAW.md records them:
//
// - Pasaman Barat, West Sumatra, March 2024: the Pilkada 2024 candidate pairs
//   were determined on 22 September 2024 (PKPU 2/2024), so from 22 March 2024
//   a regional head needed the Minister of Home Affairs' written approval to
//   replace officials (UU 10/2016 art. 71(2); Mendagri letter
//   100.2.1.3/1575/SJ of 29 March 2024). On 22 March 2024 the regent
//   inaugurated 51 officials and annulled the SKs the same day
//   (jpnn.com 25 March 2024, "Bupati Pasaman Barat Membatalkan Pelantikan 51
//   Pejabat"). Here, as issue 12 tells it: an SK dated 21 March (outside the
//   window) and the inauguration on 22 March (inside it).
// - UU 20/2023 repealed UU 5/2014 from its promulgation on 31 October 2023;
//   the two-year lock of UU 5/2014 art. 116 continues through PP 11/2017 as
//   amended by PP 17/2020, so a decision of 2025 cites that, not the repealed
//   article as the law in force.
// - KASN until its functions moved to BKN under Perpres 91/2024 and 92/2024
//   (the shipped list: KASN up to 2024-08-22, BKN from 2024-08-23): a request
//   of 2024-08-20 goes to KASN, one of 2024-08-26 to BKN.
// - The oversight body's recommendation is for filling and moving JPT posts:
//   an administrator's mutation goes from scoring to the PPK's decision.
// - JPT madya (a provincial secretary): the President appoints, on the
//   governor's proposal through the Minister of Home Affairs (PP 11/2017 as
//   amended art. 3(3)). The case and its names are illustrative.
// - A journal written before this release (a non-JPT case whose
//   scoring_completed has no `recommendation_for`, then a recommendation)
//   still replays and verifies.
#include "scenario_cli.hpp"

#include "alur/config/config.hpp"
#include "alur/engine/engine.hpp"
#include "alur/sqlite/journal.hpp"
#include "alur/workflows/legal_bases.hpp"
#include "alur/workflows/mutation.hpp"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <string>
#include <vector>

using alur::scenario::Cli;

namespace {

const std::string pasaman_barat = R"(
[agency]
name = "Pemerintah Kabupaten Pasaman Barat"
timezone = "WIB"

[[election_windows]]
label = "Pilkada 2024 Pasaman Barat"
determination = 2024-09-22
until = 2025-02-19
)";

const std::string province = R"(
[agency]
name = "Pemerintah Provinsi Bengkulu"
timezone = "WIB"
)";

alur::Date day(const char* text) { return alur::parse_date(text).value(); }

/// `alur advance CASE EVENT PAIRS... --actor sari --reason ... --at AT [EXTRA...]`.
alur::test::RunResult advance(const Cli& cli, const std::string& id, const std::string& event,
                              std::vector<std::string> pairs, const std::string& at,
                              const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"--lang", "en", "advance", id, event};
    args.insert(args.end(), pairs.begin(), pairs.end());
    for (const auto& a : {"--actor", "sari", "--reason", "langkah kasus", "--at"}) args.emplace_back(a);
    args.push_back(at);
    args.insert(args.end(), extra.begin(), extra.end());
    return cli(args);
}

/// Advances and checks the case moved `from -> to`.
void step(const Cli& cli, const std::string& id, const std::string& event, std::vector<std::string> pairs,
          const std::string& at, const std::string& from, const std::string& to,
          const std::vector<std::string>& extra = {}) {
    auto r = advance(cli, id, event, std::move(pairs), at, extra);
    INFO(event << ": " << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find(": " + from + " -> " + to + " (v ") != std::string::npos);
}

/// Opens a mutation case for an official of `grade`; returns its id.
std::string open(const Cli& cli, const std::string& grade, const std::string& post, const std::string& inaugurated,
                 const std::string& at, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"open",   "mutation", "--nip",  "197805122003121004", "--name", "Yusra Effendi, S.STP",
                                  "--grade", grade,     "--post", post,                 "--inaugurated-at", inaugurated,
                                  "--at",    at,        "--actor", "sari"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = cli(args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return r.out.substr(0, r.out.size() - 1);
}

/// Records, field visit and scores on `date`; the case leaves scoring for `to`.
void gather_and_score(const Cli& cli, const std::string& id, const std::string& date, const std::string& to) {
    for (const char* item : {"achievements", "edijab", "competency_test", "superior_recommendation", "neutrality",
                             "discipline"})
        step(cli, id, "record_added", {std::string("item=") + item, "value=lengkap"}, date + " 09:00",
             "record_gathering", "record_gathering");
    step(cli, id, "career_post_added", {"post=Kepala Subbagian Umum", "unit=Sekretariat Daerah", "from=2016-02-01",
                                        "until=2020-12-31"},
         date + " 09:10", "record_gathering", "record_gathering");
    step(cli, id, "skp_recorded", {"year=2023", "rating=baik"}, date + " 09:20", "record_gathering",
         "record_gathering");
    step(cli, id, "records_completed", {}, date + " 09:30", "record_gathering", "field_visit");
    for (const char* role : {"rt_head", "neighbour", "community_figure"})
        step(cli, id, "interview_recorded", {std::string("role=") + role, "name=Warga", "summary=baik"},
             date + " 10:00", "field_visit", "field_visit");
    step(cli, id, "visit_completed", {}, date + " 10:30", "field_visit", "scoring");
    for (const char* score : {"paper=82", "interview=80", "track_record=85", "performance_contract=84"}) {
        const std::string s = score;
        step(cli, id, "score_recorded", {"component=" + s.substr(0, s.find('=')), "value=" + s.substr(s.find('=') + 1)},
             date + " 11:00", "scoring", "scoring");
    }
    step(cli, id, "scoring_completed", {}, date + " 11:30", "scoring", to);
}

std::size_t history_length(const Cli& cli, const std::string& id) {
    return cli.json({"history", id, "--json"}).as_array().size();
}

}  // namespace

TEST_CASE("Pasaman Barat 22 March 2024: the inauguration is refused in the window until the Minister approves",
          "[scenario][law_mutation]") {
    Cli cli(pasaman_barat);
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string id = open(cli, "administrator", "Kepala Bagian Umum Sekretariat Daerah", "2020-01-06",
                                "2024-02-26 09:00", {"--target", "Kepala Bagian Perekonomian", "--unit", "Sekretariat Daerah"});
    gather_and_score(cli, id, "2024-03-04", "ppk_decision");

    // The SK is dated 21 March 2024, the last day before the window: the decision passes.
    step(cli, id, "ppk_decided", {"decision=approve", "post=Kepala Bagian Perekonomian",
                                  "sk_number=800/1.3.3/3/38/BKPSDM/2024", "sk_date=2024-03-21"},
         "2024-03-21 14:00", "ppk_decision", "inauguration", {"--role", "ppk"});

    // The inauguration of 22 March 2024 is in the window: refused, planned or held.
    const std::string cited = alur::rules::cite("election_window_determination", day("2024-03-22"));
    auto planned = advance(cli, id, "inauguration_scheduled", {"date=2024-03-22"}, "2024-03-21 15:00");
    INFO(planned.err);
    CHECK(planned.exit_code == 3);
    CHECK(planned.err.find(cited + ": an inauguration dated 2024-03-22 falls in the window 'Pilkada 2024 Pasaman "
                                   "Barat' (2024-03-22 to 2025-02-19)") != std::string::npos);
    auto held = advance(cli, id, "inaugurated", {"date=2024-03-22", "sk_number=800/1.3.3/3/38/BKPSDM/2024"},
                        "2024-03-22 10:00");
    INFO(held.err);
    CHECK(held.exit_code == 3);
    CHECK(held.err.find("needs the Minister of Home Affairs' written approval") != std::string::npos);
    CHECK(history_length(cli, id) == 20);  // nothing written by the refusals

    // With the Minister's written approval recorded, the inauguration is accepted.
    step(cli, id, "ministerial_approval_recorded", {"letter=100.2.2.6/2110/OTDA", "date=2024-04-02"},
         "2024-04-02 10:00", "inauguration", "inauguration");
    step(cli, id, "inauguration_scheduled", {"date=2024-04-05"}, "2024-04-02 11:00", "inauguration", "inauguration");
    step(cli, id, "inaugurated", {"date=2024-04-05", "sk_number=800/1.3.3/3/38/BKPSDM/2024"}, "2024-04-05 10:00",
         "inauguration", "completed");
    auto history = cli.json({"history", id, "--json"}).as_array();
    CHECK(history.back().at("payload").at("election_window").at("from").as_string() == "2024-03-22");
    CHECK(cli({"audit", "verify"}).exit_code == 0);
}

TEST_CASE("a 2025 two-year-lock refusal cites the basis in force in 2025, not the repealed UU 5/2014 alone",
          "[scenario][law_mutation]") {
    Cli cli(province);
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string id = open(cli, "jpt_pratama", "Kepala Dinas Pendidikan", "2024-01-15", "2025-01-13 09:00");
    gather_and_score(cli, id, "2025-01-20", "recommendation");
    step(cli, id, "recommendation_requested", {"ref=800/21/BKD/2025"}, "2025-01-21 09:00", "recommendation",
         "recommendation");
    step(cli, id, "recommendation_received", {"decision=approve", "ref=R-77/BKN/2025"}, "2025-02-24 09:00",
         "recommendation", "ppk_decision");
    auto r = advance(cli, id, "ppk_decided", {"decision=approve", "post=Kepala Bappeda", "sk_number=821/5/2025"},
                     "2025-03-10 10:00", {"--role", "ppk"});
    INFO(r.err);
    CHECK(r.exit_code == 3);
    const std::string in_2025 = alur::rules::cite("jpt_two_year_lock", day("2025-03-10"));
    const std::string in_2022 = alur::rules::cite("jpt_two_year_lock", day("2022-03-10"));
    CHECK(in_2025 != in_2022);  // the basis changed with UU 20/2023
    CHECK(r.err.find(in_2025 + ": JPT inaugurated 2024-01-15 may not be moved before 2026-01-15") != std::string::npos);
    CHECK(r.err.find(in_2022 + ":") == std::string::npos);
    CHECK(cli.json({"show", id, "--json"}).at("state").as_string() == "ppk_decision");
}

TEST_CASE("KASN's recommendation of 2024-08-20 and BKN's of 2024-08-26", "[scenario][law_mutation]") {
    Cli cli(province);
    REQUIRE(cli({"init"}).exit_code == 0);
    for (auto [date, body] : {std::pair{"2024-08-20", "KASN"}, std::pair{"2024-08-26", "BKN"}}) {
        INFO(date);
        const std::string id = open(cli, "jpt_pratama", "Kepala Dinas Kesehatan", "2021-03-08", "2024-07-01 09:00");
        gather_and_score(cli, id, "2024-07-15", "recommendation");
        step(cli, id, "recommendation_requested", {"ref=800/412/BKD/2024"}, std::string(date) + " 09:00",
             "recommendation", "recommendation");
        auto history = cli.json({"history", id, "--json"}).as_array();
        CHECK(history.back().at("payload").at("body").as_string() == body);
        step(cli, id, "recommendation_received", {"decision=approve", "ref=R-1/2024"}, std::string(date) + " 15:00",
             "recommendation", "ppk_decision");
    }
}

TEST_CASE("an administrator's mutation goes from scoring to the PPK's decision without a recommendation",
          "[scenario][law_mutation]") {
    Cli cli(province);
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string id = open(cli, "administrator", "Kepala Bagian Organisasi", "2021-03-08", "2025-09-01 09:00");
    gather_and_score(cli, id, "2025-09-08", "ppk_decision");
    auto shown = cli.json({"show", id, "--json"}).as_object();
    CHECK(shown.at("state").as_string() == "ppk_decision");
    CHECK(shown.at("data").as_object().count("recommendation") == 0);
    step(cli, id, "ppk_decided", {"decision=approve", "post=Kepala Bagian Umum", "sk_number=821/40/2025"},
         "2025-09-15 10:00", "ppk_decision", "inauguration", {"--role", "ppk"});
    auto diagram = cli({"diagram", "mutation"});
    CHECK(diagram.out.find("scoring --> ppk_decision : scoring_completed [every_component_scored && "
                           "no_recommendation_required]") != std::string::npos);
    CHECK(diagram.out.find("scoring --> recommendation : scoring_completed [every_component_scored && "
                           "recommendation_required]") != std::string::npos);
}

TEST_CASE("a JPT madya through the President's decision: proposal through the Minister, Keppres, inauguration",
          "[scenario][law_mutation]") {
    Cli cli(province);
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string id = open(cli, "jpt_madya", "Sekretaris Daerah Provinsi", "2021-03-08", "2025-09-01 09:00",
                                {"--target", "Sekretaris Daerah Provinsi (penugasan baru)"});
    gather_and_score(cli, id, "2025-09-08", "recommendation");
    step(cli, id, "recommendation_requested", {"ref=800/90/BKD/2025"}, "2025-09-09 09:00", "recommendation",
         "recommendation");
    step(cli, id, "recommendation_received", {"decision=approve", "ref=R-90/BKN/2025"}, "2025-09-30 09:00",
         "recommendation", "ppk_decision");
    // The governor's decision is the proposal; the President decides.
    step(cli, id, "ppk_decided", {"decision=approve", "post=Sekretaris Daerah Provinsi", "sk_number=800/101/2025"},
         "2025-10-02 10:00", "ppk_decision", "presidential_decision", {"--role", "ppk"});
    auto early = advance(cli, id, "president_decided", {"decision=approve", "keppres_number=140/TPA/2025",
                                                        "date=2025-10-20"},
                         "2025-10-20 10:00");
    CHECK(early.exit_code == 3);
    CHECK(early.err.find("submit proposal_sent first") != std::string::npos);
    step(cli, id, "proposal_sent", {"letter=800.1.3/88/BKD/2025", "via_mendagri=yes"}, "2025-10-03 10:00",
         "presidential_decision", "presidential_decision");
    step(cli, id, "president_decided", {"decision=approve", "keppres_number=140/TPA/2025", "date=2025-10-20"},
         "2025-10-21 10:00", "presidential_decision", "inauguration");
    step(cli, id, "inaugurated", {"date=2025-10-27", "sk_number=Keppres 140/TPA/2025"}, "2025-10-27 10:00",
         "inauguration", "completed");
    CHECK(cli({"audit", "verify"}).exit_code == 0);
}

namespace {

/// The mutation workflow as an earlier release wrote its events: no
/// `recommendation_for` in scoring_completed, no President's grades in
/// ppk_decided, a scoring profile without record items or interview counts.
class EarlierMutation final : public alur::Workflow {
public:
    explicit EarlierMutation(alur::mutation::Settings s) : now_(alur::mutation::make_workflow(std::move(s))) {}
    std::string name() const override { return now_->name(); }
    std::string case_prefix() const override { return now_->case_prefix(); }
    std::string open_event() const override { return now_->open_event(); }
    const std::vector<std::string>& states() const override { return now_->states(); }
    const std::vector<std::string>& final_states() const override { return now_->final_states(); }
    const std::vector<alur::EventSpec>& events() const override { return now_->events(); }
    const std::vector<alur::TransitionSpec>& transitions() const override { return now_->transitions(); }
    std::unique_ptr<alur::CaseMachine> create() const override { return now_->create(); }
    alur::DeadlinePolicy default_deadlines() const override { return now_->default_deadlines(); }
    std::string subject(const boost::json::object& d) const override { return now_->subject(d); }
    alur::CaseSummary summary(const boost::json::object& d) const override { return now_->summary(d); }
    alur::Result<boost::json::object> prepare(std::string_view event, boost::json::object payload,
                                              alur::TimePoint at) const override {
        auto p = now_->prepare(event, std::move(payload), at);
        if (!p) return p;
        p->erase("recommendation_for");
        p->erase("appointed_by_president");
        if (auto* profile = p->if_contains("scoring_profile"); profile && profile->is_object())
            for (const char* key : {"record_items", "interviews", "rt_head_interviews"}) profile->as_object().erase(key);
        return p;
    }

private:
    std::shared_ptr<const alur::Workflow> now_;
};

}  // namespace

TEST_CASE("an old journal: a non-JPT case that went through the recommendation still replays and verifies",
          "[scenario][law_mutation][replay]") {
    Cli cli(province);
    REQUIRE(cli({"init"}).exit_code == 0);
    auto config = alur::config::load_file(cli.config());
    REQUIRE(config.has_value());
    config->deadline_clock.timezone = config->timezone;  // as `alur` counts deadlines
    std::string id;
    {
        auto journal = alur::sqlite::SqliteJournal::open(cli.db()).value();
        alur::EngineOptions options;
        options.journal = journal;
        options.clock = std::make_shared<alur::SystemClock>();
        options.timezone = config->timezone;
        options.deadline_clock = config->deadline_clock;
        alur::Engine engine(options);
        engine.add_workflow(std::make_shared<EarlierMutation>(config->mutation));
        auto submit = [&](const std::string& event, boost::json::object payload, const char* at,
                          const char* role = "admin") {
            alur::Command c;
            c.case_id = id;
            c.workflow = "mutation";
            c.event = event;
            c.payload = std::move(payload);
            c.actor = "sari";
            c.role = role;
            c.reason = "versi lama";
            c.occurred_at = alur::parse_datetime(at, config->timezone).value();
            auto out = engine.submit(c);
            INFO(event << ": " << (out ? std::string() : out.error().message));
            REQUIRE(out.has_value());
            return *out;
        };
        id = submit("", {{"nip", "197805122003121004"}, {"name", "Yusra Effendi"}, {"grade", "pengawas"},
                         {"post", "Kepala Subbagian Keuangan"}, {"inaugurated_at", "2020-01-06"}},
                    "2025-03-03T09:00")
                 .projection.id;
        for (const auto& item : alur::mutation::record_items())
            submit("record_added", {{"item", item}, {"value", "ok"}}, "2025-03-04T09:00");
        submit("records_completed", {}, "2025-03-04T10:00");
        for (const char* role : {"rt_head", "neighbour", "community_figure"})
            submit("interview_recorded", {{"role", role}, {"name", "Warga"}, {"summary", "baik"}}, "2025-03-05T09:00");
        submit("visit_completed", {}, "2025-03-05T10:00");
        for (const char* c : {"paper", "interview", "track_record", "performance_contract"})
            submit("score_recorded", {{"component", c}, {"value", 80}}, "2025-03-06T09:00");
        CHECK(submit("scoring_completed", {}, "2025-03-06T10:00").projection.state == "recommendation");
        submit("recommendation_requested", {{"ref", "800/3/BKD/2025"}}, "2025-03-07T09:00");
    }
    // Today's alur replays the old path and continues the case from where it is.
    auto verify = cli({"audit", "verify"});
    INFO(verify.out << verify.err);
    CHECK(verify.exit_code == 0);
    auto history = cli.json({"history", id, "--json"}).as_array();
    CHECK(history.at(history.size() - 2).at("payload").as_object().count("recommendation_for") == 0);
    step(cli, id, "recommendation_received", {"decision=approve", "ref=R-3/BKN/2025"}, "2025-03-20 09:00",
         "recommendation", "ppk_decision");
    step(cli, id, "ppk_decided", {"decision=approve", "post=Kepala Subbagian Umum", "sk_number=821/8/2025"},
         "2025-03-24 10:00", "ppk_decision", "inauguration", {"--role", "ppk"});
    CHECK(cli({"audit", "verify"}).exit_code == 0);
}

TEST_CASE("the record items and interviews a case needs are the scoring profile's, set in alur.toml",
          "[scenario][law_mutation][config]") {
    Cli cli(std::string(province) + R"(
[scoring.profiles.pasbar_2024]
weights = { paper = 20, interview = 20, track_record = 30, performance_contract = 30 }
record_items = ["skp", "discipline", "neutrality"]
interviews = 2
rt_head_interviews = 1
)");
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string id = open(cli, "pengawas", "Kepala Seksi Mutasi", "2021-03-08", "2025-09-01 09:00",
                                {"--profile", "pasbar_2024"});
    auto refused = advance(cli, id, "records_completed", {}, "2025-09-02 09:00");
    CHECK(refused.exit_code == 3);
    CHECK(refused.err.find("missing skp, discipline, neutrality (add each with record_added)") != std::string::npos);
    step(cli, id, "skp_recorded", {"year=2024", "rating=sangat_baik"}, "2025-09-02 09:00", "record_gathering",
         "record_gathering");
    for (const char* item : {"discipline", "neutrality"})
        step(cli, id, "record_added", {std::string("item=") + item, "value=baik"}, "2025-09-02 09:10",
             "record_gathering", "record_gathering");
    step(cli, id, "records_completed", {}, "2025-09-02 09:30", "record_gathering", "field_visit");
    step(cli, id, "interview_recorded", {"role=rt_head", "name=Pak RT", "summary=baik"}, "2025-09-03 09:00",
         "field_visit", "field_visit");
    auto one = advance(cli, id, "visit_completed", {}, "2025-09-03 10:00");
    CHECK(one.exit_code == 3);
    CHECK(one.err.find("at least 2 interviews (scoring profile pasbar_2024; have 1, of which rt_head 1)") !=
          std::string::npos);
    step(cli, id, "interview_recorded", {"role=neighbour", "name=Bu Ani", "summary=baik"}, "2025-09-03 09:30",
         "field_visit", "field_visit");
    step(cli, id, "visit_completed", {}, "2025-09-03 10:00", "field_visit", "scoring");

    SECTION("a record item the workflow does not know, or more RT heads than interviews, refuse the file") {
        for (auto [line, says] :
             {std::pair{"record_items = [\"horoscope\"]", "scoring.profiles.bad.record_items: record item \"horoscope\" is not one of career_history"},
              std::pair{"rt_head_interviews = 4", "scoring.profiles.bad.rt_head_interviews: rt_head_interviews must be between 0 and interviews"},
              std::pair{"interviews = 2.5", "scoring.profiles.bad.interviews"}}) {
            Cli bad(std::string(province) + "\n[scoring.profiles.bad]\n" + line + "\n");
            auto r = bad({"init"});
            INFO(r.err);
            CHECK(r.exit_code == 2);
            CHECK(r.err.find(says) != std::string::npos);
        }
    }
}
