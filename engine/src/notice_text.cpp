#include "notice_text.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace alur::detail {
namespace {

namespace json = boost::json;

std::string local_text(TimePoint t, const TimeZone& tz) {
    auto s = format_local(t, tz);  // 2024-04-23T16:00:00+07:00
    return s.substr(0, 10) + " " + s.substr(11, 5) + " " + tz.name;
}

/// The notice text, in Indonesian and English.
json::object message(const Timer& t, const std::string& case_id, const std::string& subject, int days_left,
                     const TimeZone& tz) {
    const std::string who = subject.empty() ? case_id : case_id + " (" + subject + ")";
    const std::string due = local_text(t.due_at, tz);
    if (t.kind == TimerKind::reminder && days_left >= 0) {
        return {{"id", "Pengingat: kasus " + who + " pada tahap " + t.state + " jatuh tempo " + due + "; sisa " +
                           std::to_string(days_left) + " hari kerja."},
                {"en", "Reminder: case " + who + " in state " + t.state + " is due " + due + "; " +
                           std::to_string(days_left) + " working day(s) left."}};
    }
    if (t.kind == TimerKind::reminder) {  // fired after the deadline (the engine was down)
        return {{"id", "Pengingat: kasus " + who + " pada tahap " + t.state + " sudah melewati tenggat " + due +
                           "; terlambat " + std::to_string(-days_left) + " hari kerja."},
                {"en", "Reminder: case " + who + " in state " + t.state + " is past its deadline " + due + "; " +
                           std::to_string(-days_left) + " working day(s) overdue."}};
    }
    const int late = std::max(0, -days_left);
    return {{"id", "Eskalasi: kasus " + who + " pada tahap " + t.state + " melewati tenggat " + due + "; terlambat " +
                       std::to_string(late) + " hari kerja."},
            {"en", "Escalation: case " + who + " in state " + t.state + " passed its deadline " + due + "; " +
                       std::to_string(late) + " working day(s) overdue."}};
}

/// " Kalender libur 2027 masih sementara; ..." in Indonesian.
std::string gap_note_id(const std::vector<CalendarYear>& gaps) {
    std::string out;
    for (const CalendarYear& g : gaps) {
        out += out.empty() ? "Kalender libur " : "; kalender libur ";
        out += std::to_string(g.year);
        out += g.status == YearStatus::provisional ? " masih sementara (tanggal perkiraan)"
                                                   : " belum tersedia (hanya akhir pekan yang dilewati)";
    }
    return out.empty() ? out : out + ".";
}

}  // namespace

json::array calendar_json(const std::vector<CalendarYear>& gaps) {
    json::array out;
    for (const CalendarYear& g : gaps) out.push_back(json::object{{"year", g.year}, {"status", to_string(g.status)}});
    return out;
}

std::vector<CalendarYear> calendar_from_json(const json::value* field) {
    std::vector<CalendarYear> out;
    if (field == nullptr || !field->is_array()) return out;
    for (const json::value& v : field->get_array()) {
        const json::object* o = v.if_object();
        if (!o) continue;
        const json::value* year = o->if_contains("year");
        const json::value* status = o->if_contains("status");
        if (!year || !year->is_int64() || !status || !status->is_string()) continue;
        out.push_back(CalendarYear{static_cast<int>(year->get_int64()),
                                   status->get_string() == "provisional" ? YearStatus::provisional
                                                                         : YearStatus::missing,
                                   {}});
    }
    return out;
}

json::object timer_notice(const Timer& timer, const std::string& case_id, const std::string& workflow,
                          const std::string& subject, int days_left, const TimeZone& tz,
                          const std::vector<CalendarYear>& gaps) {
    json::object notice{{"case", case_id},
                        {"workflow", workflow},
                        {"state", timer.state},
                        {"kind", to_string(timer.kind)},
                        {"subject", subject},
                        {"due_at", format_local(timer.due_at, tz)},
                        {"working_days_left", days_left},
                        {"message", message(timer, case_id, subject, days_left, tz)}};
    if (!gaps.empty()) {
        // Only then: a notice of a confirmed year reads exactly as before.
        notice["calendar"] = calendar_json(gaps);
        json::object& text = notice["message"].as_object();
        text["id"] = std::string(text["id"].as_string()) + " " + gap_note_id(gaps);
        text["en"] = std::string(text["en"].as_string()) + " " + calendar_gap_note(gaps);
    }
    return notice;
}

}  // namespace alur::detail
