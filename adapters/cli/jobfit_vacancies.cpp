// The vacant posts of a job fit batch (jobfit_vacancies.hpp).
#include "jobfit_vacancies.hpp"

#include "acting_serving.hpp"
#include "output.hpp"

#include <boost/json/object.hpp>

#include <set>

namespace alur::cli {
namespace {

namespace json = boost::json;

json::object data_of(const CaseRecord& c) {
    json::value v = parse_stored(c.data.empty() ? "{}" : c.data);
    return v.is_object() ? std::move(v.get_object()) : json::object{};
}

json::object official_of(const json::object& data) {
    const json::value* o = data.if_contains("official");
    return o && o->is_object() ? o->get_object() : json::object{};
}

/// A job fit closed after the PPK approved its `develop` outcome.
bool develop_approved(const CaseRecord& c, const json::object& data) {
    if (c.workflow != "job_fit" || c.state != "closed" || text_at(data, "outcome") != "develop") return false;
    const json::value* review = data.if_contains("review");
    return review && review->is_object() && text_at(review->get_object(), "decision") == "approve";
}

/// The vacancies found so far, each (post, unit) once.
class Vacancies {
public:
    void add(BatchVacancy v) {
        if (v.post.empty() || v.unit.empty() || !seen_.emplace(v.post, v.unit).second) return;
        out_.push_back(std::move(v));
    }
    std::vector<BatchVacancy> take() { return std::move(out_); }

private:
    std::set<std::pair<std::string, std::string>> seen_;
    std::vector<BatchVacancy> out_;
};

}  // namespace

Result<std::vector<BatchVacancy>> jobfit_vacancies(Context& ctx, const job_fit::Batch& batch, Date day) {
    auto serving = serving_on(ctx, day);
    if (!serving) return serving.error();
    std::set<std::string> batch_cases;
    for (const auto& [nip, id] : batch.cases) batch_cases.insert(id);

    Vacancies found;
    for (const auto& [nip, id] : batch.cases) {
        auto record = ctx.engine->journal().find_case(id);
        if (!record) return record.error();
        const json::object data = data_of(*record);
        if (!develop_approved(*record, data)) continue;
        const json::object official = official_of(data);
        BatchVacancy v{text_at(official, "post"), text_at(official, "unit"), text_at(official, "grade"), id, {}};
        for (const auto& s : *serving)
            if (s.vacated_by.id == id && s.plt.post == v.post) v.plt = s.plt.name;
        found.add(std::move(v));
    }
    // The posts held by a Plt, on a case of the batch or on one a case of the batch opened.
    for (const auto& s : *serving) {
        const json::object data = data_of(s.vacated_by);
        if (!batch_cases.contains(s.vacated_by.id) && !batch_cases.contains(text_at(data, "origin"))) continue;
        const json::object official = official_of(data);
        found.add({s.plt.post, text_at(official, "unit"), text_at(official, "grade"), s.vacated_by.id, s.plt.name});
    }
    return found.take();
}

Result<std::vector<std::pair<BatchVacancy, std::string>>> selections_of_batch(Journal& journal,
                                                                              std::string_view batch_id) {
    auto selections = journal.list_cases(CaseFilter{std::string("open_selection")});
    if (!selections) return selections.error();
    std::vector<std::pair<BatchVacancy, std::string>> out;
    for (const auto& c : *selections) {
        if (c.state == "cancelled" || c.data.find("\"jobfit_batch\"") == std::string::npos) continue;
        const json::object data = data_of(c);
        if (text_at(data, "jobfit_batch") != batch_id) continue;
        out.push_back({BatchVacancy{text_at(data, "post"), text_at(data, "unit"), text_at(data, "grade"), {}, {}},
                       c.id});
    }
    return out;
}

}  // namespace alur::cli
