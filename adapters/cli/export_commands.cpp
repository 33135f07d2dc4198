// `alur export [--since DATETIME] [--workflow W] [--format jsonl|csv] [--out FILE]`:
// the whole journal, or a slice of it, with every field of every event, in
// global order, for a spreadsheet or a script.
//
// The journal is read page by page (10 000 events a query), so an export of
// millions of events runs in constant memory. With --out the events go to
// FILE.tmp, which is synced and renamed to FILE only when all is written: a
// failed export leaves no half file behind. The columns and their forms are
// those of event_rows.hpp.
#include "app.hpp"
#include "csv.hpp"
#include "event_rows.hpp"
#include "messages.hpp"
#include "output.hpp"
#include "values.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>

namespace alur::cli {
namespace {

constexpr std::size_t page_size = 10000;

struct ExportArgs {
    std::string since;
    std::string workflow;
    std::string format = "jsonl";
    std::string out;
};

/// Writes the selected events to `os`; how many were written.
Result<std::int64_t> write_events(std::ostream& os, const ExportArgs& args, Context& ctx) {
    std::optional<TimePoint> since;
    if (!args.since.empty()) {
        auto t = parse_when("--since", args.since, ctx.timezone());
        if (!t) return t.error();
        since = *t;
    }
    if (!args.workflow.empty())
        if (auto w = ctx.workflow(args.workflow); !w) return w.error();

    Journal& journal = ctx.engine->journal();
    // Whether a case belongs to --workflow, asked once per case (cases opened
    // while the export runs are found too).
    std::map<std::string, bool, std::less<>> in_workflow;
    auto wanted_case = [&](const std::string& case_id) -> Result<bool> {
        if (args.workflow.empty()) return true;
        if (auto known = in_workflow.find(case_id); known != in_workflow.end()) return known->second;
        auto record = journal.find_case(case_id);
        bool yes = false;
        if (record) yes = record->workflow == args.workflow;
        else if (record.error().code != errc::not_found) return record.error();
        in_workflow.emplace(case_id, yes);
        return yes;
    };

    const bool csv = args.format == "csv";
    const auto& tz = ctx.timezone();
    std::optional<CsvWriter> table;
    if (csv) table.emplace(os, event_columns());
    std::int64_t written = 0;
    for (std::int64_t after = 0;;) {
        auto page = journal.read_events(after, page_size);
        if (!page) return page.error();
        if (page->empty()) break;
        for (const EventRecord& e : *page) {
            if (since && e.occurred_at < *since) continue;
            auto wanted = wanted_case(e.case_id);
            if (!wanted) return wanted.error();
            if (!*wanted) continue;
            if (table) table->write(event_row(e, tz));
            else os << compact_json(event_line_json(e, tz)) << '\n';
            ++written;
        }
        after = page->back().global_seq;
        if (!os) break;
    }
    os.flush();
    return written;
}

Error write_error(const std::string& path, int err) {
    return make_error(errc::io, trf(M::err_export_write, {path, std::strerror(err)}), "--out");
}

/// Writes to FILE.tmp, syncs it and renames it to FILE; on any failure the
/// temporary file is removed and FILE is left as it was.
Result<std::int64_t> export_to_file(const ExportArgs& args, Context& ctx) {
    const std::string tmp = args.out + ".tmp";
    std::int64_t written = 0;
    {
        std::ofstream file(tmp, std::ios::binary | std::ios::trunc);
        if (!file) return write_error(tmp, errno);
        auto done = write_events(file, args, ctx);
        const int err = errno;
        file.close();
        if (!done || !file) {
            std::error_code ignored;
            std::filesystem::remove(tmp, ignored);
            if (!done) return done.error();
            return write_error(tmp, err);
        }
        written = *done;
    }
    const int fd = ::open(tmp.c_str(), O_RDONLY);
    const bool synced = fd >= 0 && ::fsync(fd) == 0;
    const int err = errno;
    if (fd >= 0) ::close(fd);
    std::error_code renamed;
    if (synced) std::filesystem::rename(tmp, args.out, renamed);
    if (!synced || renamed) {
        std::error_code ignored;
        std::filesystem::remove(tmp, ignored);
        return write_error(args.out, synced ? renamed.value() : err);
    }
    return written;
}

Result<void> run_export(const ExportArgs& args, Context& ctx) {
    if (args.out.empty()) {
        auto done = write_events(std::cout, args, ctx);
        if (!done) return done.error();
        if (!std::cout) return write_error("stdout", EIO);
        return {};
    }
    auto done = export_to_file(args, ctx);
    if (!done) return done.error();
    std::cout << trf(M::export_done, {std::to_string(*done), args.out}) << '\n';
    return {};
}

}  // namespace

/// `alur export` (called by add_audit_commands).
void add_export_command(CLI::App& app, const Context&, Registry& out) {
    auto* sub = app.add_subcommand("export", tr(M::cmd_export));
    auto args = std::make_shared<ExportArgs>();
    sub->add_option("--since", args->since, tr(M::opt_since))->option_text("DATETIME");
    sub->add_option("--workflow", args->workflow, tr(M::opt_filter_workflow));
    sub->add_option("--format", args->format, tr(M::opt_export_format))->check(CLI::IsMember({"jsonl", "csv"}));
    sub->add_option("--out", args->out, tr(M::opt_out))->option_text("FILE");
    out.push_back({sub, Needs::read_database, [args](Context& c) { return run_export(*args, c); }});
}

}  // namespace alur::cli
