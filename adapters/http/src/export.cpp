// GET /api/export?format=jsonl|csv|xlsx&since=&workflow= (auditor, admin):
// the journal's events for an auditor, as `alur export` writes them
// (alur/reports/event_export.hpp, xlsx_export.hpp), as a download.
//
// The answer streams (Response::stream): the server calls the source's
// next() on a worker thread, never on a connection's, and sends each chunk
// as it comes. JSON Lines and CSV are read from the journal a page (1000
// events) per chunk, so memory stays flat however long the journal is.
// XLSX is written first to a temporary file (mkstemp in $TMPDIR, mode
// 0600), opened, unlinked at once (nothing is left behind, even when the
// client goes away), then sent in 64 KiB chunks. The query is checked
// before anything is read: a bad format, since or workflow is a 400. A
// journal or disk error after the answer has started cannot change its
// status: next() throws, and the server cuts the chunked body short (a
// client sees a truncated transfer, never a complete-looking file).
#include "api_detail.hpp"
#include "routes.hpp"

#include "personnel_routes.hpp"

#include "alur/reports/event_export.hpp"
#include "alur/reports/event_rows.hpp"
#include "alur/reports/xlsx_export.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace alur::http::detail {
namespace {

constexpr std::size_t events_per_chunk = 1000;
constexpr std::size_t file_chunk = 64 * 1024;

/// JSON Lines or CSV, one journal page a chunk.
class TextSource final : public BodySource {
public:
    TextSource(Journal& journal, reports::EventFilter filter, reports::ExportFormat format, TimeZone tz,
               std::vector<std::string> header = {})
        : text_(journal, std::move(filter), format, std::move(tz), events_per_chunk, std::move(header)) {}

    std::optional<std::string> next() override {
        auto chunk = text_.next();
        if (!chunk) throw std::runtime_error("export: " + chunk.error().message);
        return std::move(*chunk);
    }

private:
    reports::EventText text_;
};

/// The XLSX workbook, written on the first next() to an unlinked temporary file.
class XlsxSource final : public BodySource {
public:
    XlsxSource(Journal& journal, reports::EventFilter filter, TimeZone tz, cli::Lang lang)
        : journal_(journal), filter_(std::move(filter)), tz_(std::move(tz)), lang_(lang) {}
    ~XlsxSource() override {
        if (fd_ >= 0) ::close(fd_);
    }
    XlsxSource(const XlsxSource&) = delete;
    XlsxSource& operator=(const XlsxSource&) = delete;

    std::optional<std::string> next() override {
        if (!written_) write();
        std::string chunk(file_chunk, '\0');
        ssize_t n = 0;
        do n = ::read(fd_, chunk.data(), chunk.size());
        while (n < 0 && errno == EINTR);
        if (n < 0) throw std::runtime_error(std::string("export: reading the workbook: ") + std::strerror(errno));
        if (n == 0) return std::nullopt;
        chunk.resize(static_cast<std::size_t>(n));
        return chunk;
    }

private:
    void write() {
        written_ = true;
        std::error_code ec;
        std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
        if (ec) dir = "/tmp";
        std::string path = (dir / "alur-export-XXXXXX.xlsx").string();
        const int made = ::mkstemps(path.data(), 5);  // mode 0600
        if (made < 0) throw std::runtime_error(std::string("export: a temporary file: ") + std::strerror(errno));
        ::close(made);
        struct Unlink {  // whatever happens (an exception too), the name goes
            const std::string& path;
            ~Unlink() { ::unlink(path.c_str()); }
        };
        int err = 0;
        Result<std::int64_t> done = 0;
        {
            Unlink unlink{path};
            done = reports::write_xlsx(path, journal_, filter_, tz_, lang_);
            if (done) fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
            err = errno;
        }
        if (!done) throw std::runtime_error("export: " + done.error().message);
        if (fd_ < 0) throw std::runtime_error(std::string("export: reading the workbook: ") + std::strerror(err));
    }

    Journal& journal_;
    reports::EventFilter filter_;
    TimeZone tz_;
    cli::Lang lang_;
    bool written_ = false;
    int fd_ = -1;
};

std::string query_value(const Query& query, std::string_view name) {
    auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
}

/// "alur-export-20261201-2030[-mutation].csv": the agency's local time of `now`.
std::string file_name(TimePoint now, const TimeZone& tz, const std::string& workflow, std::string_view ext) {
    const std::string local = format_local(now, tz);  // 2026-12-01T20:30:00+07:00
    std::string stamp = local.substr(0, 4) + local.substr(5, 2) + local.substr(8, 2) + "-" + local.substr(11, 2) +
                        local.substr(14, 2);
    return "alur-export-" + stamp + (workflow.empty() ? "" : "-" + workflow) + "." + std::string(ext);
}

std::variant<Response, Write> export_events(const Call& call, const PathArgs&) {
    const TimeZone& tz = call.deadline_clock.timezone;
    const std::string format_text = query_value(call.query, "format");
    const auto format = reports::parse_export_format(format_text.empty() ? "jsonl" : format_text);
    if (!format) return fail(400, "invalid_input", "format must be jsonl, csv or xlsx (got " + format_text + ")", "format");
    reports::EventFilter filter;
    if (const std::string since = query_value(call.query, "since"); !since.empty()) {
        auto at = parse_utc(since);
        if (!at) {
            auto local = parse_datetime(since, tz);
            if (!local) return fail(400, "invalid_input", "since: " + local.error().message, "since");
            at = *local;
        }
        filter.since = *at;
    }
    const std::string headers = query_value(call.query, "headers");
    if (!headers.empty() && headers != "keys" && headers != "labels")
        return fail(400, "invalid_input", "headers must be keys or labels (got " + headers + ")", "headers");
    if (auto it = call.query.find("lang"); it != call.query.end()) {
        cli::Lang asked = cli::Lang::id;
        if (!cli::parse_lang(it->second, asked)) return fail(400, "invalid_input", "lang must be id or en", "lang");
    }
    const cli::Lang lang = request_lang(call);
    filter.workflow = query_value(call.query, "workflow");
    if (!filter.workflow.empty() && !call.engine.find_workflow(filter.workflow))
        return fail(400, "invalid_input", "unknown workflow " + filter.workflow, "workflow");

    Response r;
    r.status = 200;
    const char* ext = "jsonl";
    Journal& journal = call.engine.journal();
    switch (*format) {
        case reports::ExportFormat::jsonl:
            r.content_type = "application/jsonl; charset=utf-8";
            r.stream = std::make_shared<TextSource>(journal, filter, *format, tz);
            break;
        case reports::ExportFormat::csv:
            r.content_type = "text/csv; charset=utf-8";
            r.stream = std::make_shared<TextSource>(
                journal, filter, *format, tz,
                headers == "labels" ? reports::event_column_labels(lang, tz.name) : std::vector<std::string>{});
            ext = "csv";
            break;
        case reports::ExportFormat::xlsx:
            r.content_type = reports::xlsx_media_type;
            r.stream = std::make_shared<XlsxSource>(journal, filter, tz, lang);
            ext = "xlsx";
            break;
    }
    r.headers.push_back({"Content-Disposition",
                         "attachment; filename=\"" + file_name(call.now, tz, filter.workflow, ext) + "\""});
    r.cache_control = "no-store";
    return r;
}

}  // namespace

void add_export_routes(Routes& routes) {
    routes.add(Route{
        .method = "GET",
        .pattern = "/api/export",
        .summary = "Download the journal's events (JSON Lines, CSV or XLSX)",
        .description =
            "Every journaled event in global order (or those that occurred since a time, or of one workflow's "
            "cases), with every field as stored and hashed (the hash chain can be recomputed from jsonl or csv) and "
            "the times again in the agency's zone, as `alur export` writes them; a download (Content-Disposition: "
            "attachment; filename=\"alur-export-YYYYMMDD-HHMM[-workflow].ext\"), streamed in chunks. csv: NIP "
            "columns and formula-like cells neutralised for spreadsheets; its header row is the column keys (an "
            "interface for scripts), or with headers=labels the columns' names in the language asked. xlsx: a "
            "sheet of the events (NIPs as text, dates as dates in the agency's zone, a frozen header row naming the "
            "columns in the language asked, Indonesian by default) and a sheet of their cases. An error after "
            "the body has started cuts the transfer short. Auditor and admin only.",
        .roles = {"auditor", "admin"},
        .params = {{"format", "query", "string", false, "jsonl (default), csv or xlsx"},
                   {"since", "query", "string", false,
                    "only events that occurred at or after it: UTC (2025-06-02T02:00:00.000Z) or a date or date-time "
                    "local to the agency (2025-06-02, 2025-06-02T09:00)"},
                   {"workflow", "query", "string", false, "only the events of this workflow's cases"},
                   {"headers", "query", "string", false,
                    "csv only: keys (default: the column keys above, what scripts read) or labels (the columns' "
                    "names for people, in lang)"},
                   {"lang", "query", "string", false,
                    "id or en: the language of the xlsx header row and of csv labels (default: Accept-Language, "
                    "else id)"}},
        .response_body = R"j({"type":"string","description":"jsonl: one JSON object a line with case_id, seq, global_seq, name, payload, actor, role, reason, occurred_at, recorded_at, prev_hash, hash, occurred_at_local, recorded_at_local, recorded_by; csv: the same columns with a header row; xlsx: the workbook"})j",
        .response_media = "application/jsonl",
        .errors = {400, 401, 403},
        .tag = "export",
        .handler = export_events});
}

}  // namespace alur::http::detail
