// `alur roster import FILE.csv|- [--dry-run]`, `alur roster list [--unit UNIT]
// [--format table|csv|json]`: the agency's roster of officials, loaded from a
// spreadsheet's CSV (roster_csv.hpp says what is accepted).
//
// An import is all or nothing: every problem of every line is printed on
// stderr ("baris 7, kolom nip: ...") and nothing is written (exit 2); a good
// file is written in one transaction, and the import is logged in the
// database with the file's SHA-256. On a terminal, files of more than 2 000
// rows get a progress bar on stderr while they are checked and written.
#include "alur/engine/event.hpp"
#include "alur/engine/text.hpp"
#include "alur/files/files.hpp"
#include "alur/personnel/roster_text.hpp"
#include "alur/sqlite/roster.hpp"
#include "alur/workflows/rules.hpp"
#include "app.hpp"
#include "identity.hpp"
#include "csv.hpp"
#include "messages.hpp"
#include "output.hpp"
#include "roster_csv.hpp"
#include "values.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <unistd.h>

#include <iostream>

namespace alur::cli {
namespace {

/// Files with more rows than this get a progress bar (on a terminal).
constexpr std::size_t progress_rows = 2000;

/// A one-line bar on stderr, redrawn at each whole percent; drawn only when
/// stderr is a terminal and the total is above progress_rows.
class ProgressBar {
public:
    explicit ProgressBar(const char* label) : label_(label), terminal_(::isatty(STDERR_FILENO) == 1) {}
    ~ProgressBar() { finish(); }
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    void operator()(std::size_t done, std::size_t total) {
        if (!terminal_ || total <= progress_rows) return;
        const std::size_t percent = done * 100 / total;
        if (drawn_ && percent == percent_) return;
        percent_ = percent;
        drawn_ = true;
        constexpr std::size_t width = 30;
        const std::size_t filled = done * width / total;
        std::cerr << '\r' << label_ << " [" << std::string(filled, '#') << std::string(width - filled, '.') << "] "
                  << done << '/' << total << std::flush;
    }

    /// Ends the bar's line, if one was drawn.
    void finish() {
        if (drawn_) std::cerr << '\n' << std::flush;
        drawn_ = false;
    }

private:
    const char* label_;
    bool terminal_;
    bool drawn_ = false;
    std::size_t percent_ = 0;
};

// --- import ----------------------------------------------------------------------

struct ImportArgs {
    std::string file;
    bool dry_run = false;
};

/// The largest roster read, from a file or standard input: 200 MiB (about
/// two million officials); reading stops there.
constexpr std::size_t max_roster_bytes = 200 * files::mib;

/// The roster file's text, or `-`'s standard input; at most max_roster_bytes.
Result<std::string> read_file(const std::string& path) { return read_input(path, max_roster_bytes); }

/// "197603152005011002 Drs. Hendra Gunawan: unit Dinas A → Dinas B; post X → Y".
std::string change_line(const roster::RowChange& c) {
    if (c.kind == roster::RowChange::Kind::added) return trf(M::roster_added, {c.nip, c.name});
    std::vector<std::string> fields;
    for (const auto& f : c.fields) fields.push_back(f.field + " " + f.before + " \u2192 " + f.after);
    return c.nip + " " + c.name + ": " + join(fields, "; ");
}

Result<void> run_import(const ImportArgs& args, Context& ctx) {
    auto text = read_file(args.file);
    if (!text) return text.error();
    const Date today = local_date(ctx.clock->now(), ctx.timezone());

    RosterFile file;
    {
        ProgressBar bar(tr(M::roster_checking));
        file = read_roster_csv(*text, today, [&bar](std::size_t done, std::size_t total) { bar(done, total); });
    }
    if (!file.ok()) {
        for (const auto& i : file.issues)  // values as the file has them
            std::cerr << escape_controls(personnel::issue_line(i, today, language())) << '\n';
        return make_error(errc::invalid_input,
                          trf(M::roster_rejected, {args.file, std::to_string(personnel::bad_lines(file))}));
    }

    auto store = sqlite::SqliteRoster::open(ctx.globals.db);
    if (!store) return store.error();
    ProgressBar bar(tr(args.dry_run ? M::roster_comparing : M::roster_writing));
    (*store)->on_progress([&bar](std::size_t done, std::size_t total) { bar(done, total); });
    const std::string sha256 = sha256_hex(*text);
    auto report = (*store)->import(file.officials, args.file, sha256, ctx.clock->now(), args.dry_run);
    (*store)->on_progress({});
    bar.finish();
    if (!report) return report.error();

    for (const auto& c : report->changes) std::cout << change_line(c) << '\n';
    const std::string added = std::to_string(report->added), updated = std::to_string(report->updated),
                      unchanged = std::to_string(report->unchanged);
    if (args.dry_run) {
        std::cout << trf(M::roster_dry_summary, {args.file, sha256, added, updated, unchanged}) << '\n'
                  << tr(M::roster_dry_nothing) << '\n';
    } else {
        std::cout << trf(M::roster_summary,
                         {std::to_string(report->import_id), args.file, sha256, added, updated, unchanged})
                  << '\n';
    }
    return {};
}

// --- list ------------------------------------------------------------------------

struct ListArgs {
    std::string unit;
    std::string format = "table";
};

Result<void> run_list(const ListArgs& args, Context& ctx) {
    auto store = sqlite::SqliteRoster::open(ctx.globals.db, true);
    if (!store) return store.error();
    auto officials = (*store)->list(args.unit);
    if (!officials) return officials.error();
    const auto& columns = roster::columns();

    if (args.format == "csv") {  // the import's own format: `roster list --format csv` re-imports as is
        CsvWriter table(std::cout, columns);  // the NIPs quoted with a ' in front, which the import drops
        for (const auto& o : *officials) table.write(roster::values(o));
        return {};
    }
    if (args.format == "json") {
        boost::json::array all;
        for (const auto& o : *officials) {
            boost::json::object row;
            const auto values = roster::values(o);
            for (std::size_t i = 0; i < columns.size(); ++i) row[columns[i]] = values[i];
            all.push_back(std::move(row));
        }
        print_json(std::cout, all);
        return {};
    }
    if (officials->empty()) {
        std::cout << tr(M::roster_none) << '\n';
        return {};
    }
    std::vector<std::vector<std::string>> rows{{tr(M::col_roster_nip), tr(M::col_name), tr(M::col_roster_grade),
                                                tr(M::col_roster_post), tr(M::col_roster_unit),
                                                tr(M::col_roster_inaugurated), tr(M::col_roster_birth)}};
    for (const auto& o : *officials) rows.push_back(roster::values(o));
    print_table(std::cout, rows);
    std::cout << trf(M::roster_count, {std::to_string(officials->size())}) << '\n';
    return {};
}

}  // namespace

void add_roster_commands(CLI::App& app, const Context&, Registry& out) {
    auto* roster = app.add_subcommand("roster", tr(M::cmd_roster));
    roster->require_subcommand(1);

    auto import_args = std::make_shared<ImportArgs>();
    auto* import = roster->add_subcommand("import", tr(M::cmd_roster_import));
    import->add_option("file", import_args->file, tr(M::arg_roster_file))->required();
    import->add_flag("--dry-run", import_args->dry_run, tr(M::opt_dry_run));
    auto import_token = std::make_shared<TokenArg>();
    add_token_option(*import, *import_token);
    out.push_back({import, Needs::database, [import_args, import_token](Context& c) -> Result<void> {
                       if (auto admin = require_admin(c, *import_token); !admin) return admin;
                       return run_import(*import_args, c);
                   }});

    auto list_args = std::make_shared<ListArgs>();
    auto* list = roster->add_subcommand("list", tr(M::cmd_roster_list));
    list->add_option("--unit", list_args->unit, tr(M::opt_roster_unit));
    list->add_option("--format", list_args->format, tr(M::opt_roster_format))
        ->check(CLI::IsMember({"table", "csv", "json"}));
    out.push_back({list, Needs::read_database, [list_args](Context& c) { return run_list(*list_args, c); }});
}

}  // namespace alur::cli
