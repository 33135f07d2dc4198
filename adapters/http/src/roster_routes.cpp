// GET /api/roster and POST /api/roster/import: the agency's roster of
// officials, searched and paged, and loaded from a spreadsheet's CSV with the
// same all-or-nothing, line-by-line check as `alur roster import`
// (alur/personnel/roster_csv.hpp), in the language the caller asks for.
#include "personnel_routes.hpp"

#include "alur/engine/event.hpp"
#include "alur/engine/text.hpp"
#include "alur/personnel/roster_text.hpp"
#include "alur/sqlite/roster.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <charconv>

namespace alur::http::detail {
namespace json = boost::json;

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::optional<std::string> param(const Query& query, std::string_view name) {
    auto it = query.find(name);
    if (it == query.end() || it->second.empty()) return std::nullopt;
    return it->second;
}

/// A whole decimal number in [min, max], or nullopt.
std::optional<std::size_t> number(std::string_view text, std::size_t min, std::size_t max) {
    std::size_t n = 0;
    auto r = std::from_chars(text.data(), text.data() + text.size(), n);
    if (r.ec != std::errc{} || r.ptr != text.data() + text.size() || n < min || n > max) return std::nullopt;
    return n;
}

json::object official_json(const roster::Official& o) {
    json::object row;
    const auto& columns = roster::columns();
    const auto values = roster::values(o);
    for (std::size_t i = 0; i < columns.size(); ++i) row[columns[i]] = values[i];
    return row;
}

Response unavailable(std::string_view what) {
    return fail(503, "unavailable", std::string(what) + " is not available on this server");
}

}  // namespace

cli::Lang request_lang(const Call& call) {
    cli::Lang lang = cli::Lang::id;
    if (auto it = call.query.find("lang"); it != call.query.end() && cli::parse_lang(it->second, lang)) return lang;
    // "en-US,en;q=0.9,id;q=0.8": the first Indonesian or English tag, in the order sent.
    std::string_view header = call.request.accept_language;
    while (!header.empty()) {
        const auto comma = header.find(',');
        std::string_view tag = header.substr(0, comma);
        while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
        const std::string primary = lower(tag.substr(0, std::min(tag.find_first_of("-;"), tag.size())));
        if (cli::parse_lang(primary, lang)) return lang;
        if (comma == std::string_view::npos) break;
        header.remove_prefix(comma + 1);
    }
    return cli::Lang::id;
}

Response list_roster(const Call& call) {
    if (!call.options.roster) return unavailable("the roster");
    const Query& query = call.query;
    std::size_t limit = 50, offset = 0;
    if (auto it = query.find("limit"); it != query.end()) {
        auto n = number(it->second, 1, 1000);
        if (!n) return fail(400, "invalid_input", "limit must be a whole number from 1 to 1000", "limit");
        limit = *n;
    }
    if (auto it = query.find("cursor"); it != query.end() && !it->second.empty()) {
        auto n = number(it->second, 0, std::numeric_limits<std::uint32_t>::max());
        if (!n) return fail(400, "invalid_input", "cursor must be a next_cursor this route answered", "cursor");
        offset = *n;
    }
    const auto unit = param(query, "unit");
    auto officials = call.options.roster->list(unit.value_or(""));
    if (!officials) return fail(officials.error());

    const std::string q = lower(param(query, "q").value_or(""));
    const std::string grade = lower(param(query, "grade").value_or(""));
    std::vector<const roster::Official*> found;
    for (const auto& o : *officials) {
        if (!grade.empty() && o.grade != grade) continue;
        if (!q.empty() && lower(o.name).find(q) == std::string::npos && o.nip.find(q) == std::string::npos &&
            lower(o.post).find(q) == std::string::npos)
            continue;
        found.push_back(&o);
    }
    json::array page;
    for (std::size_t i = offset; i < found.size() && i < offset + limit; ++i) page.push_back(official_json(*found[i]));
    json::value next = offset + limit < found.size() ? json::value(std::to_string(offset + limit)) : json::value(nullptr);
    return reply(200, json::object{{"officials", std::move(page)}, {"total", found.size()}, {"next_cursor", next}});
}

Response import_roster(const Call& call) {
    if (!call.options.roster) return unavailable("the roster");
    bool dry_run = false;
    if (auto it = call.query.find("dry_run"); it != call.query.end()) {
        if (it->second == "true" || it->second == "1") dry_run = true;
        else if (it->second != "false" && it->second != "0" && !it->second.empty())
            return fail(400, "invalid_input", "dry_run must be true or false", "dry_run");
    }
    const std::string source = param(call.query, "source").value_or("upload");
    if (auto why = text_problem(source, TextKind::line, 200))
        return fail(400, "invalid_input", "source: " + *why, "source");
    const cli::Lang lang = request_lang(call);
    const Date today = local_date(call.now, call.deadline_clock.timezone);

    const personnel::RosterFile file = personnel::read_roster_csv(call.request.body, today);
    if (!file.ok()) {
        json::array lines;
        for (const auto& i : file.issues) {
            json::object line{{"line", i.line}, {"message", personnel::issue_text(i, today, lang)},
                              {"text", personnel::issue_line(i, today, lang)}};
            line["field"] = i.column.empty() ? json::value(nullptr) : json::value(i.column);
            lines.push_back(std::move(line));
        }
        const std::string message =
            cli::trf(cli::M::api_roster_rejected, lang, {std::to_string(personnel::bad_lines(file))});
        json::object body{{"error", json::object{{"code", "invalid_input"}, {"message", message}}},
                          {"lines", std::move(lines)}};
        return reply(422, body);
    }

    const std::string sha256 = sha256_hex(call.request.body);
    auto report = call.options.roster->import(file.officials, source, sha256, call.now, dry_run);
    if (!report) return fail(report.error());
    json::array changes;
    for (const auto& c : report->changes) {
        json::array fields;
        for (const auto& f : c.fields)
            fields.push_back(json::object{{"field", f.field}, {"before", f.before}, {"after", f.after}});
        changes.push_back(json::object{{"kind", c.kind == roster::RowChange::Kind::added ? "added" : "changed"},
                                       {"nip", c.nip},
                                       {"name", c.name},
                                       {"fields", std::move(fields)}});
    }
    const std::string added = std::to_string(report->added), changed = std::to_string(report->updated),
                      unchanged = std::to_string(report->unchanged);
    const std::string summary =
        dry_run ? cli::trf(cli::M::roster_dry_summary, lang, {source, sha256, added, changed, unchanged})
                : cli::trf(cli::M::roster_summary, lang,
                           {std::to_string(report->import_id), source, sha256, added, changed, unchanged});
    json::object body{{"dry_run", dry_run},
                      {"source", source},
                      {"sha256", sha256},
                      {"rows", file.officials.size()},
                      {"added", report->added},
                      {"changed", report->updated},
                      {"unchanged", report->unchanged},
                      {"summary", summary},
                      {"changes", std::move(changes)}};
    body["import_id"] = dry_run ? json::value(nullptr) : json::value(report->import_id);
    return reply(200, body);
}

namespace {

constexpr std::string_view official_schema = R"({"type":"object","properties":{
    "nip":{"type":"string"},"name":{"type":"string"},"grade":{"type":"string"},"post":{"type":"string"},
    "unit":{"type":"string"},"inaugurated_at":{"type":"string","format":"date"},
    "birth_date":{"type":"string","format":"date"}}})";

}  // namespace

void add_roster_routes(Routes& routes, std::size_t upload_limit) {
    const ParamDoc lang{"lang", "query", "string", false, "id (default) or en: the language of the texts; else Accept-Language"};
    routes.add({.method = "GET",
                .pattern = "/api/roster",
                .summary = "The roster of officials, searched and paged",
                .description = "Ordered by unit, then name. `q` matches the name, NIP or post (case-insensitive); "
                               "`total` counts every match. Pass next_cursor back as cursor with the same filters.",
                .params = {{"q", "query", "string", false, "part of the name, NIP or post"},
                           {"unit", "query", "string", false, "only this unit (OPD), exactly"},
                           {"grade", "query", "string", false, "only this grade (jpt_pratama, administrator, ...)"},
                           {"limit", "query", "integer", false, "1 to 1000 (default 50)"},
                           {"cursor", "query", "string", false, "the next_cursor of the previous page"}},
                .response_body = std::string(R"({"type":"object","required":["officials","total","next_cursor"],)"
                                             R"("properties":{"officials":{"type":"array","items":)") +
                                 std::string(official_schema) +
                                 R"(},"total":{"type":"integer"},"next_cursor":{"type":["string","null"]}}})",
                .errors = {400, 401, 503},
                .tag = "roster",
                .handler = [](const Call& call, const PathArgs&) -> std::variant<Response, Write> {
                    return list_roster(call);
                }});
    routes.add({.method = "POST",
                .pattern = "/api/roster/import",
                .summary = "Import the roster from a CSV file, all or nothing",
                .description = "The body is the CSV as uploaded (what `alur roster import` reads: columns nip, name, "
                               "grade, post, unit, inaugurated_at, birth_date; `,` or `;`). Every problem of every "
                               "line is answered (422, `lines`) and nothing is written; a good file adds and updates "
                               "officials in one transaction (a dry run only compares). The texts are Indonesian, or "
                               "English with ?lang=en or Accept-Language.",
                .roles = {"admin"},
                .params = {{"dry_run", "query", "boolean", false, "true: compare only, write nothing"},
                           {"source", "query", "string", false, "the file's name, logged with its SHA-256 (default upload)"},
                           lang},
                .request_media = "text/csv",  // documented as a string
                .response_body = R"({"type":"object","required":["dry_run","added","changed","unchanged","summary"],
                    "properties":{"dry_run":{"type":"boolean"},"import_id":{"type":["integer","null"]},
                    "source":{"type":"string"},"sha256":{"type":"string"},"rows":{"type":"integer"},
                    "added":{"type":"integer"},"changed":{"type":"integer"},"unchanged":{"type":"integer"},
                    "summary":{"type":"string"},"changes":{"type":"array","items":{"type":"object","properties":{
                    "kind":{"type":"string","enum":["added","changed"]},"nip":{"type":"string"},"name":{"type":"string"},
                    "fields":{"type":"array","items":{"type":"object","properties":{"field":{"type":"string"},
                    "before":{"type":"string"},"after":{"type":"string"}}}}}}}}})",
                .errors = {400, 401, 403, 413, 422, 503},
                .body_limit = upload_limit,
                .slow = true,
                .tag = "roster",
                .handler = [](const Call& call, const PathArgs&) -> std::variant<Response, Write> {
                    return import_roster(call);
                }});
}

}  // namespace alur::http::detail
