#include "alur/reports/xlsx_export.hpp"

#include "alur/engine/case_list.hpp"
#include "alur/reports/event_rows.hpp"
#include "alur/reports/json_text.hpp"

#include <xlsxwriter.h>

#include <boost/json/object.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <set>
#include <vector>

namespace alur::reports {
namespace {

namespace json = boost::json;

constexpr std::size_t max_cell = 32767;
constexpr std::int64_t max_rows = 1048575;  // a sheet's rows less the header

struct Column {
    const char* name;
    double width;
};

struct CloseWorkbook {
    void operator()(lxw_workbook* w) const { workbook_close(w); }
};

/// The local civil time of `t` in `tz`, as Excel takes it.
lxw_datetime local_datetime(TimePoint t, const TimeZone& tz) {
    using namespace std::chrono;
    const auto local = t + tz.offset;
    const auto day = floor<days>(local);
    const year_month_day ymd{day};
    const hh_mm_ss<milliseconds> hms{duration_cast<milliseconds>(local - day)};
    return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
            static_cast<int>(static_cast<unsigned>(ymd.day())), static_cast<int>(hms.hours().count()),
            static_cast<int>(hms.minutes().count()),
            static_cast<double>(hms.seconds().count()) + static_cast<double>(hms.subseconds().count()) / 1000.0};
}

/// The writer of one workbook: its formats and the first error met.
class Book {
public:
    Book(lxw_workbook* book, const TimeZone& tz, cli::Lang lang) : book_(book), tz_(tz), lang_(lang) {
        bold_ = workbook_add_format(book_);
        format_set_bold(bold_);
        date_ = workbook_add_format(book_);
        format_set_num_format(date_, "dd/mm/yyyy hh:mm");
    }

    lxw_worksheet* sheet(const char* name, const std::vector<Column>& columns) {
        lxw_worksheet* ws = workbook_add_worksheet(book_, name);
        if (!ws) return fail(LXW_ERROR_MEMORY_MALLOC_FAILED), nullptr;
        for (lxw_col_t c = 0; c < columns.size(); ++c) check(worksheet_set_column(ws, c, c, columns[c].width, nullptr));
        worksheet_freeze_panes(ws, 1, 0);
        for (lxw_col_t c = 0; c < columns.size(); ++c) {
            const std::string head = column_label(columns[c].name, lang_, tz_.name, true);
            check(worksheet_write_string(ws, 0, c, head.c_str(), bold_));
        }
        return ws;
    }

    void text(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& value) {
        if (value.empty()) return;
        if (value.size() <= max_cell) return check(worksheet_write_string(ws, row, col, value.c_str(), nullptr));
        std::string cut = value.substr(0, max_cell - 16);
        while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80) cut.pop_back();  // whole UTF-8
        if (!cut.empty() && static_cast<unsigned char>(cut.back()) >= 0xC0) cut.pop_back();
        cut += "\xE2\x80\xA6[cut]";
        check(worksheet_write_string(ws, row, col, cut.c_str(), nullptr));
    }

    void number(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, double value) {
        check(worksheet_write_number(ws, row, col, value, nullptr));
    }

    void when(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, TimePoint t) {
        lxw_datetime dt = local_datetime(t, tz_);
        check(worksheet_write_datetime(ws, row, col, &dt, date_));
    }

    void filter(lxw_worksheet* ws, lxw_row_t rows, lxw_col_t columns) {
        check(worksheet_autofilter(ws, 0, 0, rows, static_cast<lxw_col_t>(columns - 1)));
    }

    void check(lxw_error e) {
        if (e != LXW_NO_ERROR && error_ == LXW_NO_ERROR) error_ = e;
    }
    void fail(lxw_error e) { check(e); }
    lxw_error error() const { return error_; }

private:
    lxw_workbook* book_;
    const TimeZone& tz_;
    cli::Lang lang_;
    lxw_format* bold_ = nullptr;
    lxw_format* date_ = nullptr;
    lxw_error error_ = LXW_NO_ERROR;
};

const std::vector<Column> event_sheet{{"case_id", 13}, {"seq", 6},          {"global_seq", 10},     {"name", 24},
                                      {"nip", 20},     {"actor", 16},       {"role", 10},           {"reason", 36},
                                      {"occurred_at", 18}, {"recorded_at", 18}, {"recorded_by", 16}, {"payload", 60},
                                      {"prev_hash", 20}, {"hash", 20},      {"occurred_at_utc", 26}, {"recorded_at_utc", 26}};

const std::vector<Column> case_sheet{{"id", 13},      {"workflow", 18},      {"state", 24},     {"version", 8},
                                     {"unit", 28},    {"subject", 30},       {"subject_label", 48}, {"opened_at", 18},
                                     {"updated_at", 18}, {"due_at", 18}};

/// The payload's NIP, when it names one.
std::string payload_nip(const std::string& payload) {
    const json::value v = parse_stored(payload);
    if (!v.is_object()) return {};
    const json::value* nip = v.get_object().if_contains("nip");
    return nip && nip->is_string() ? std::string(nip->get_string()) : std::string();
}

Error xlsx_error(const std::string& path, lxw_error e) {
    return make_error(errc::io, "writing the workbook " + path + ": " + lxw_strerror(e));
}

}  // namespace

Result<std::int64_t> write_xlsx(const std::string& path, Journal& journal, const EventFilter& filter,
                                const TimeZone& tz, cli::Lang lang) {
    std::string tmpdir = std::filesystem::path(path).parent_path().string();
    if (tmpdir.empty()) tmpdir = ".";
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    options.tmpdir = tmpdir.data();
    options.use_zip64 = LXW_TRUE;
    std::unique_ptr<lxw_workbook, CloseWorkbook> owned(workbook_new_opt(path.c_str(), &options));
    if (!owned) return make_error(errc::io, "cannot create the workbook " + path);
    Book book(owned.get(), tz, lang);

    lxw_worksheet* events = book.sheet("events", event_sheet);
    lxw_worksheet* cases = book.sheet("cases", case_sheet);
    if (!events || !cases) return xlsx_error(path, book.error());

    std::set<std::string, std::less<>> case_ids;
    std::int64_t rows = 0;
    EventPages pages(journal, filter);
    for (;;) {
        auto page = pages.next();
        if (!page) return page.error();
        if (page->empty()) break;
        for (const EventRecord& e : *page) {
            if (rows == max_rows)
                return make_error(errc::invalid_input,
                                  "more than " + std::to_string(max_rows) +
                                      " events do not fit one sheet: export fewer (since, workflow) or as jsonl/csv",
                                  "format");
            const auto r = static_cast<lxw_row_t>(++rows);
            lxw_col_t c = 0;
            book.text(events, r, c++, e.case_id);
            book.number(events, r, c++, static_cast<double>(e.seq));
            book.number(events, r, c++, static_cast<double>(e.global_seq));
            book.text(events, r, c++, e.name);
            book.text(events, r, c++, payload_nip(e.payload));
            book.text(events, r, c++, e.actor);
            book.text(events, r, c++, e.role);
            book.text(events, r, c++, e.reason);
            book.when(events, r, c++, e.occurred_at);
            book.when(events, r, c++, e.recorded_at);
            book.text(events, r, c++, e.recorded_by);
            book.text(events, r, c++, e.payload);
            book.text(events, r, c++, e.prev_hash);
            book.text(events, r, c++, e.hash);
            book.text(events, r, c++, format_utc(e.occurred_at));
            book.text(events, r, c++, format_utc(e.recorded_at));
            case_ids.insert(e.case_id);
        }
        if (book.error() != LXW_NO_ERROR) return xlsx_error(path, book.error());
    }
    book.filter(events, static_cast<lxw_row_t>(rows), static_cast<lxw_col_t>(event_sheet.size()));

    // The cases of those events, in the journal's id order, a page at a time.
    CaseFilter all;
    if (!filter.workflow.empty()) all.workflow = filter.workflow;
    all.order = CaseOrder::id;
    lxw_row_t row = 0;
    for (;;) {
        auto page = list_page(journal, all, 1000);
        if (!page) return page.error();
        for (const CaseRecord& k : page->cases) {
            if (!case_ids.contains(k.id)) continue;
            ++row;
            lxw_col_t c = 0;
            book.text(cases, row, c++, k.id);
            book.text(cases, row, c++, k.workflow);
            book.text(cases, row, c++, k.state);
            book.number(cases, row, c++, static_cast<double>(k.version));
            book.text(cases, row, c++, k.summary.unit);
            book.text(cases, row, c++, k.summary.subject);
            book.text(cases, row, c++, k.summary.label);
            book.when(cases, row, c++, k.opened_at);
            book.when(cases, row, c++, k.updated_at);
            if (k.due_at) book.when(cases, row, c++, *k.due_at);
        }
        if (!page->next) break;
        all.after = position_of(page->cases.back(), CaseOrder::id);
    }
    book.filter(cases, row, static_cast<lxw_col_t>(case_sheet.size()));
    if (book.error() != LXW_NO_ERROR) return xlsx_error(path, book.error());
    const lxw_error closed = workbook_close(owned.release());
    if (closed != LXW_NO_ERROR) return xlsx_error(path, closed);
    return rows;
}

}  // namespace alur::reports
