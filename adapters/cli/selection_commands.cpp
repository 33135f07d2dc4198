// `alur selection start --posts FILE|POST... --unit U --sk-number N --chair C
// --members M --member-count K [--grade G] [--profile P] [--at T]`: one
// selection committee (pansel) for several posts. Opens one open_selection
// case per post (a line of FILE: "post" or "post | unit"), each opened and
// given the same pansel decree (pansel_formed). Every post's two events are
// first decided on a fresh machine, so a bad post or decree changes nothing;
// then each is submitted with the idempotency keys "selection:<sk>:<post>|
// <unit>:opened|pansel", so the same command run again after a crash answers
// what was opened and opens the rest. Prints each case id with its post, then
// a summary line.
//
// `alur selection start --from-jobfit BATCH --sk-number N --chair C --members M
// --member-count K [--profile P] [--at T]`: the same for the vacancies a job
// fit batch left (jobfit_vacancies.hpp: the posts of an approved develop, the
// posts held by a Plt), each case with data.jobfit_batch = BATCH and the grade
// of the official who held the post (else --grade). A vacancy that already has
// an open selection from the batch (not cancelled) is listed, not opened again.
//
// `alur selection applicants CASE [--format table|csv|json]`: the applicants
// (pelamar) of an open selection case (read as alur/reports/applicants.hpp
// reads them, like GET /api/cases/{id}/applicants) in registration order, with their
// status, the reasons a failed one fails the requirements (in the table: in
// the CLI's language, Indonesian by default, English with --lang en; in csv:
// the workflow's English text as stored), each score of the case's scoring
// profile, the weighted total and the ranking.
//
// The table is for people (headings and statuses translated); csv (fixed
// English column names, raw statuses) and json (the case's own data) are for
// scripts.
#include "alur/engine/engine.hpp"
#include "alur/engine/text.hpp"
#include "alur/reports/applicants.hpp"
#include "alur/sqlite/roster.hpp"
#include "alur/workflows/open_selection.hpp"
#include "app.hpp"
#include "csv.hpp"
#include "identity.hpp"
#include "jobfit_vacancies.hpp"
#include "messages.hpp"
#include "output.hpp"
#include "values.hpp"

#include <boost/json/object.hpp>

#include <algorithm>
#include <array>
#include <filesystem>
#include <iostream>
#include <set>

namespace alur::cli {
namespace {

namespace json = boost::json;

struct ApplicantsArgs {
    std::string case_id;
    std::string format = "table";
};

/// A status as people read it: "memenuhi syarat" / "eligible".
std::string status_text(const std::string& status) {
    static constexpr std::array<M, 6> labels{M::status_registered, M::status_withdrawn,   M::status_eligible,
                                             M::status_failed,     M::status_shortlisted, M::status_chosen};
    const auto& all = open_selection::applicant_statuses();
    for (std::size_t i = 0; i < all.size() && i < labels.size(); ++i)
        if (all[i] == status) return tr(labels[i]);
    return status;
}

/// One applicant's columns: NIP, name, current post, status, reasons, each score, total, ranking.
std::vector<std::string> applicant_row(const json::object& a, const std::vector<std::string>& components,
                                       bool for_people) {
    // Stored reasons are the workflow's English strings; the API's form (reports::applicant_json) gives
    // each as an object with reason_text {id, en}: a person reads it in the CLI's language.
    std::vector<std::string> reasons;
    if (const json::value* r = a.if_contains("reasons"); r && r->is_array())
        for (const auto& reason : r->get_array()) {
            if (reason.is_string()) reasons.emplace_back(reason.get_string());
            if (!reason.is_object()) continue;
            const json::value* in = reason.get_object().if_contains("reason_text");
            const char* lang = language() == Lang::id ? "id" : "en";
            if (in && in->is_object() && in->get_object().contains(lang))
                reasons.push_back(text_at(in->get_object(), lang));
            else
                reasons.push_back(text_at(reason.get_object(), "text"));
        }
    const std::string status = text_at(a, "status");
    std::vector<std::string> row{text_at(a, "nip"), text_at(a, "name"), text_at(a, "current_post"),
                                 for_people ? status_text(status) : status,
                                 reasons.empty() && for_people ? "-" : join(reasons, "; ")};
    const json::value* scores = a.if_contains("scores");
    for (const auto& c : components) row.push_back(number_at(scores && scores->is_object() ? &scores->get_object() : nullptr, c));
    row.push_back(number_at(&a, "total"));
    row.push_back(number_at(&a, "ranking"));
    if (!for_people)
        for (auto& cell : row)
            if (cell == "-") cell.clear();
    return row;
}

Result<void> run_applicants(const ApplicantsArgs& args, Context& ctx) {
    auto record = ctx.engine->journal().find_case(args.case_id);
    if (!record) return record.error();
    if (!reports::is_selection(*record))
        return make_error(errc::invalid_input, trf(M::err_not_selection, {record->id, record->workflow}));
    const reports::SelectionView view = reports::selection_view(std::move(*record));
    const json::object& data = view.data;
    const json::array& applicants = view.applicants;
    const std::vector<std::string>& components = view.components;
    const CaseRecord* shown = &view.record;

    if (args.format == "json") {
        print_json(std::cout, json::object{{"case", shown->id},
                                           {"post", text_at(data, "post")},
                                           {"unit", text_at(data, "unit")},
                                           {"state", shown->state},
                                           {"applicants", applicants}});
        return {};
    }
    if (args.format == "csv") {
        std::vector<std::string> head{"nip", "name", "current_post", "status", "reasons"};
        head.insert(head.end(), components.begin(), components.end());
        head.emplace_back("total");
        head.emplace_back("ranking");
        CsvWriter table(std::cout, head);
        for (const auto& a : applicants)
            if (a.is_object()) table.write(applicant_row(a.get_object(), components, false));
        return {};
    }
    std::cout << trf(M::selection_heading, {shown->id, text_at(data, "post"), text_at(data, "unit"), shown->state,
                                            std::to_string(applicants.size())})
              << '\n';
    if (applicants.empty()) {
        std::cout << tr(M::selection_none) << '\n';
        return {};
    }
    std::vector<std::string> head{"NIP", tr(M::col_name), tr(M::col_current_post), tr(M::col_status),
                                  tr(M::col_reasons)};
    head.insert(head.end(), components.begin(), components.end());
    head.emplace_back(tr(M::col_total));
    head.emplace_back(tr(M::col_ranking));
    std::vector<std::vector<std::string>> rows{head};
    for (const auto& a : applicants)
        if (a.is_object()) rows.push_back(applicant_row(reports::applicant_json(view, a.get_object()), components, true));
    std::cout << '\n';
    print_table(std::cout, rows);
    return {};
}

// --- start -------------------------------------------------------------------------

struct StartArgs {
    std::vector<std::string> posts;
    std::string from_jobfit;
    std::string unit;
    std::string grade = "jpt_pratama";
    std::string profile;
    std::string sk_number;
    std::string chair;
    std::string members;
    int member_count = 0;
    std::string actor;
    std::string reason;
    std::string at;
    CLI::Option* actor_option = nullptr;
    TokenArg token;
};

struct PostLine {
    std::string post;
    std::string unit;
    std::string grade;   ///< empty: --grade
    std::string source;  ///< --from-jobfit: the case that left the post vacant
    std::string plt;     ///< --from-jobfit: the Plt serving in it
};

std::string trimmed(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r");
    if (b == std::string_view::npos) return {};
    return std::string(s.substr(b, s.find_last_not_of(" \t\r") - b + 1));
}

/// The posts of --posts: one file (or "-") of lines "post" or "post | unit"
/// (blank lines and # comments skipped), or the posts themselves.
Result<std::vector<PostLine>> read_posts(const StartArgs& args) {
    std::vector<std::string> lines;
    std::error_code ec;
    if (args.posts.size() == 1 && (args.posts[0] == "-" || std::filesystem::is_regular_file(args.posts[0], ec))) {
        auto text = read_input(args.posts[0], 1u << 20);
        if (!text) return text.error();
        std::string_view rest = *text;
        while (!rest.empty()) {
            const auto nl = rest.find('\n');
            std::string line = trimmed(rest.substr(0, nl));
            rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
            if (!line.empty() && line[0] != '#') lines.push_back(std::move(line));
        }
    } else {
        lines = args.posts;
    }
    std::vector<PostLine> out;
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto& line : lines) {
        const auto bar = line.find('|');
        PostLine p{trimmed(line.substr(0, bar)), bar == std::string::npos ? args.unit : trimmed(line.substr(bar + 1)),
                   {}, {}, {}};
        if (p.post.empty() || p.unit.empty())
            return make_error(errc::invalid_input, trf(M::err_selection_post_line, {escape_controls(line)}), "posts");
        if (!seen.emplace(p.post, p.unit).second)
            return make_error(errc::invalid_input, trf(M::err_selection_post_twice, {escape_controls(p.post),
                                                                                     escape_controls(p.unit)}),
                              "posts");
        out.push_back(std::move(p));
    }
    if (out.empty()) return make_error(errc::invalid_input, tr(M::err_selection_no_posts), "posts");
    return out;
}

/// The posts a job fit batch left vacant on `day` that have no open selection
/// from the batch yet; those that have one are printed with their case.
Result<std::vector<PostLine>> batch_posts(const StartArgs& args, Context& ctx, Date day) {
    auto batches = sqlite::SqliteBatchStore::open(ctx.globals.db);
    if (!batches) return batches.error();
    auto batch = (*batches)->find(args.from_jobfit);
    if (!batch) return batch.error();
    auto vacancies = jobfit_vacancies(ctx, *batch, day);
    if (!vacancies) return vacancies.error();
    auto opened = selections_of_batch(ctx.engine->journal(), batch->id);
    if (!opened) return opened.error();
    std::vector<PostLine> out;
    const bool any = !vacancies->empty();
    for (auto& v : *vacancies) {
        auto same = std::find_if(opened->begin(), opened->end(), [&v](const auto& o) {
            return o.first.post == v.post && o.first.unit == v.unit;
        });
        if (same != opened->end()) {
            std::cout << trf(M::selection_already_open, {same->second, escape_controls(v.post + " (" + v.unit + ")"),
                                                         batch->id})
                      << '\n';
            continue;
        }
        out.push_back({std::move(v.post), std::move(v.unit), std::move(v.grade), std::move(v.source), std::move(v.plt)});
    }
    if (!any)
        return make_error(errc::invalid_input, trf(M::err_selection_no_vacancy, {batch->id}), "from-jobfit");
    return out;
}

/// The vacancy's line as printed: "  <- JF-000020 (develop)" / "(Plt NAME)".
std::string source_text(const PostLine& p) {
    if (p.source.empty()) return {};
    return "  <- " + p.source + " (" +
           (p.plt.empty() ? std::string(tr(M::selection_vacancy_develop)) : trf(M::selection_vacancy_plt, {p.plt})) +
           ")";
}

Result<void> run_start(const StartArgs& args, Context& ctx) {
    Command who;
    who.actor = args.actor.empty() ? os_user() : args.actor;
    who.role = "admin";
    if (auto taken = take_identity(who, ctx, args.token, args.actor_option, nullptr); !taken) return taken.error();
    if (args.posts.empty() == args.from_jobfit.empty())
        return make_error(errc::invalid_input, tr(M::err_selection_posts_or_batch), "posts");
    std::optional<TimePoint> at;
    if (!args.at.empty()) {
        auto when = parse_when("--at", args.at, ctx.timezone());
        if (!when) return when.error();
        at = *when;
    }
    auto posts = args.from_jobfit.empty()
                     ? read_posts(args)
                     : batch_posts(args, ctx, local_date(at.value_or(ctx.clock->now()), ctx.timezone()));
    if (!posts) return posts.error();
    const Workflow* wf = ctx.engine->find_workflow("open_selection");
    if (!wf) return make_error(errc::invalid_input, "the open_selection workflow is not registered");

    const json::object pansel{{"sk_number", args.sk_number},
                              {"chair", args.chair},
                              {"members", args.members},
                              {"member_count", args.member_count}};
    auto opening = [&](const PostLine& p) {
        json::object o{{"post", p.post}, {"unit", p.unit}, {"grade", p.grade.empty() ? args.grade : p.grade}};
        if (!args.profile.empty()) o["profile"] = args.profile;
        if (!args.from_jobfit.empty()) o["jobfit_batch"] = args.from_jobfit;
        return o;
    };
    // Decide every post's two events on a fresh machine first: all or nothing for what the
    // workflow judges (the decree, the grade, the profile, each post's texts).
    const TimePoint when = at.value_or(ctx.clock->now());
    for (const auto& p : *posts) {
        auto machine = wf->create();
        std::int64_t seq = 0;
        for (const auto& step : {std::pair{std::string("opened"), opening(p)},
                                 std::pair{std::string("pansel_formed"), pansel}}) {
            auto decided = [&]() -> Result<void> {
                auto prepared = wf->prepare(step.first, step.second, when);
                if (!prepared) return prepared.error();
                auto valid = validate_payload(*wf->find_event(step.first), *prepared, when);
                if (!valid) return valid.error();
                return machine->apply(EventInput{step.first, *valid, when, who.actor, who.role, ++seq});
            }();
            if (!decided)
                return make_error(decided.error().code,
                                  trf(M::err_selection_check, {escape_controls(p.post), decided.error().message}),
                                  decided.error().field);
        }
    }

    const std::string reason = args.reason.empty() ? trf(M::selection_reason_default, {args.sk_number}) : args.reason;
    std::vector<std::pair<std::string, const PostLine*>> opened;
    for (const auto& p : *posts) {
        const std::string key = "selection:" + args.sk_number + ":" + p.post + "|" + p.unit;
        Command cmd = who;
        cmd.workflow = "open_selection";
        cmd.payload = opening(p);
        cmd.reason = reason;
        cmd.occurred_at = at;
        cmd.idempotency_key = key + ":opened";
        auto fail = [&](const Error& e) {
            return make_error(e.code, trf(M::err_selection_open, {escape_controls(p.post), e.message,
                                                                   std::to_string(opened.size())}));
        };
        auto case_opened = ctx.engine->submit(cmd);
        if (!case_opened) return fail(case_opened.error());
        Command formed = who;
        formed.case_id = case_opened->projection.id;
        formed.event = "pansel_formed";
        formed.payload = pansel;
        formed.reason = reason;
        formed.occurred_at = at;
        formed.idempotency_key = key + ":pansel";
        if (auto ok = ctx.engine->submit(formed); !ok) return fail(ok.error());
        opened.emplace_back(case_opened->projection.id, &p);
    }
    for (const auto& [id, p] : opened)
        std::cout << id << "  " << escape_controls(p->post + " (" + p->unit + ")" + source_text(*p)) << '\n';
    std::cout << trf(M::selection_started, {std::to_string(opened.size()), escape_controls(args.sk_number)}) << '\n';
    return {};
}

}  // namespace

void add_selection_commands(CLI::App& app, const Context&, Registry& out) {
    auto* selection = app.add_subcommand("selection", tr(M::cmd_selection));
    selection->require_subcommand(1);

    auto* start = selection->add_subcommand("start", tr(M::cmd_selection_start));
    auto s = std::make_shared<StartArgs>();
    auto* posts = start->add_option("--posts", s->posts, tr(M::opt_selection_posts))->expected(1, -1);
    start->add_option("--from-jobfit", s->from_jobfit, tr(M::opt_selection_from_jobfit))->excludes(posts);
    start->add_option("--unit", s->unit, tr(M::opt_selection_unit));
    start->add_option("--grade", s->grade, tr(M::opt_selection_grade));
    start->add_option("--profile", s->profile, tr(M::opt_selection_profile));
    start->add_option("--sk-number", s->sk_number, tr(M::opt_selection_sk))->required();
    start->add_option("--chair", s->chair, tr(M::opt_selection_chair))->required();
    start->add_option("--members", s->members, tr(M::opt_selection_members))->required();
    start->add_option("--member-count", s->member_count, tr(M::opt_selection_member_count))->required();
    s->actor_option = start->add_option("--actor", s->actor, tr(M::opt_actor_default));
    add_token_option(*start, s->token);
    start->add_option("--reason", s->reason, tr(M::opt_reason));
    start->add_option("--at", s->at, tr(M::opt_at));
    out.push_back({start, Needs::database, [s](Context& c) { return run_start(*s, c); }});

    auto args = std::make_shared<ApplicantsArgs>();
    auto* applicants = selection->add_subcommand("applicants", tr(M::cmd_selection_applicants));
    applicants->add_option("case", args->case_id, tr(M::arg_case))->required();
    applicants->add_option("--format", args->format, tr(M::opt_selection_format))
        ->check(CLI::IsMember({"table", "csv", "json"}));
    out.push_back({applicants, Needs::read_database, [args](Context& c) { return run_applicants(*args, c); }});
}

}  // namespace alur::cli
