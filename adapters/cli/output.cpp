#include "output.hpp"

#include "alur/reports/json_text.hpp"

#include "messages.hpp"

#include "alur/i18n/refusal.hpp"

#include "alur/engine/text.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iostream>
#include <mutex>
#include <sstream>

namespace alur::cli {

int exit_code(errc code) {
    switch (code) {
        case errc::ok: return 0;
        case errc::invalid_input: return 2;
        case errc::refused:
        case errc::forbidden: return 3;
        case errc::not_found: return 4;
        case errc::conflict: return 5;
        case errc::corrupt: return 6;
        case errc::busy:
        case errc::io: break;
    }
    return 1;
}

std::string error_line(const Error& e) {
    std::string message = e.message;
    if (!e.field.empty() && message.find(e.field) == std::string::npos)
        message += " (" + trf(M::err_field, {e.field}) + ")";
    std::replace(message.begin(), message.end(), '\n', ' ');
    return std::string("alur: ") + error_prefix(e.code) + ": " + escape_controls(message);
}

int report(const Error& e) {
    std::cerr << error_line(e);
    // A refusal also as a sentence for a person, in the output language, after the
    // message on the same line (a refusal stays one line: scripts read it so).
    if (auto why = i18n::explain_refusal(e)) std::cerr << " — " << i18n::refusal_sentence(*why, language());
    std::cerr << '\n';
    return exit_code(e.code);
}

void print_json(std::ostream& os, const boost::json::value& v) { reports::print_json(os, v); }

std::string compact_json(const boost::json::value& v) { return reports::compact_json(v); }

boost::json::value parse_stored(const std::string& text) { return reports::parse_stored(text); }

boost::json::object case_json(const CaseRecord& c, const TimeZone& tz) {
    boost::json::object o;
    o["id"] = c.id;
    o["workflow"] = c.workflow;
    o["state"] = c.state;
    o["version"] = c.version;
    o["opened_at"] = format_local(c.opened_at, tz);
    o["updated_at"] = format_local(c.updated_at, tz);
    o["data"] = parse_stored(c.data.empty() ? "{}" : c.data);
    o["origin"] = c.summary.origin;
    o["jobfit_batch"] = c.summary.jobfit_batch;
    if (c.due_at)
        o["due_at"] = format_local(*c.due_at, tz);
    else
        o["due_at"] = nullptr;
    return o;
}

std::string local_text(TimePoint t, const TimeZone& tz) {
    const std::string s = format_local(t, tz);  // 2024-04-23T16:00:00+07:00
    return s.substr(0, 10) + " " + s.substr(11, 5) + " " + tz.name;
}

namespace {

/// Characters (code points) in valid UTF-8: what a terminal's column takes, for
/// the letters of Indonesian names (no wide characters).
std::size_t columns_of(std::string_view text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

void print_table(std::ostream& os, const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::vector<std::string>> cells;
    std::vector<std::size_t> widths;
    for (const auto& row : rows) {
        auto& escaped = cells.emplace_back();
        if (widths.size() < row.size()) widths.resize(row.size(), 0);
        for (std::size_t i = 0; i < row.size(); ++i) {
            escaped.push_back(escape_controls(row[i]));
            widths[i] = std::max(widths[i], columns_of(escaped.back()));
        }
    }
    for (const auto& row : cells) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            line += row[i];
            if (i + 1 < row.size()) line += std::string(widths[i] - columns_of(row[i]) + 2, ' ');
        }
        os << line << '\n';
    }
}

/// Collects what is written up to each line end, then hands the line on escaped.
class EscapedOutput::Buffer final : public std::streambuf {
public:
    explicit Buffer(std::streambuf* out) : out_(out) {}

    /// Writes what is pending (an unfinished line too) and flushes `out`.
    int sync() override {
        const std::lock_guard lock(mutex_);
        emit();
        return out_->pubsync();
    }

protected:
    int_type overflow(int_type c) override {
        if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
        const char ch = traits_type::to_char_type(c);
        xsputn(&ch, 1);
        return c;
    }

    std::streamsize xsputn(const char* s, std::streamsize n) override {
        const std::lock_guard lock(mutex_);
        for (std::streamsize i = 0; i < n; ++i) {
            line_ += s[i];
            if (s[i] == '\n') emit();
        }
        return n;
    }

private:
    void emit() {
        if (line_.empty()) return;
        std::string_view body = line_, end;
        if (body.ends_with("\r\n")) end = "\r\n";
        else if (body.ends_with('\n')) end = "\n";
        body.remove_suffix(end.size());
        std::string out = escape_controls(body);
        out += end;
        out_->sputn(out.data(), static_cast<std::streamsize>(out.size()));
        line_.clear();
    }

    std::streambuf* out_;
    std::mutex mutex_;
    std::string line_;
};

EscapedOutput::EscapedOutput(std::ostream& os)
    : os_(os), buffer_(std::make_unique<Buffer>(os.rdbuf())), original_(os.rdbuf(buffer_.get())) {}

EscapedOutput::~EscapedOutput() {
    os_.flush();
    os_.rdbuf(original_);
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
    std::string out;
    for (const auto& s : items) {
        if (!out.empty()) out += sep;
        out += s;
    }
    return out;
}

std::string text_at(const boost::json::object& o, std::string_view key) {
    const boost::json::value* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

std::string number_at(const boost::json::object* o, std::string_view key, std::string_view absent) {
    const boost::json::value* v = o ? o->if_contains(key) : nullptr;
    return v && v->is_number() ? compact_json(*v) : std::string(absent);
}

std::vector<std::string> profile_components(const boost::json::object& data) {
    std::vector<std::string> out;
    const boost::json::value* profile = data.if_contains("scoring_profile");
    const boost::json::value* weights =
        profile && profile->is_object() ? profile->get_object().if_contains("weights") : nullptr;
    if (weights && weights->is_object())
        for (const auto& kv : weights->get_object()) out.emplace_back(kv.key());
    std::sort(out.begin(), out.end());
    return out;
}

std::string calendar_gap_text(const std::vector<CalendarYear>& gaps) {
    std::string out;
    for (const CalendarYear& g : gaps) {
        if (!out.empty()) out += "; ";
        out += trf(g.status == YearStatus::provisional ? M::gap_provisional : M::gap_missing, {std::to_string(g.year)});
    }
    return out;
}

boost::json::array calendar_gap_json(const std::vector<CalendarYear>& gaps) {
    boost::json::array out;
    for (const CalendarYear& g : gaps)
        out.push_back(boost::json::object{{"year", g.year}, {"status", to_string(g.status)}});
    return out;
}

}  // namespace alur::cli
