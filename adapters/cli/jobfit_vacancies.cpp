// The vacant posts of a job fit batch (jobfit_vacancies.hpp).
#include "jobfit_vacancies.hpp"

#include "alur/workflows/acting.hpp"
#include "output.hpp"

#include <boost/json/object.hpp>

#include <algorithm>
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

class Collector {
public:
    explicit Collector(Date day) : day_(day) {}

    /// The vacancies case `c` leaves: its official's post after an approved
    /// develop, and the post of each Plt serving on the day.
    void add(const CaseRecord& c) {
        const json::object data = data_of(c);
        const json::object official = official_of(data);
        const std::string unit = text_at(official, "unit");
        const std::string grade = text_at(official, "grade");
        std::string serving;
        std::string serving_post;
        for (const auto& plt : acting::acting_officials(data))
            if (plt.serves_on(day_)) {
                serving = plt.name;
                serving_post = plt.post;
            }
        if (develop_approved(c, data)) {
            const std::string post = text_at(official, "post");
            push({post, unit, grade, c.id, serving_post == post ? serving : std::string()});
        }
        if (!serving.empty()) push({serving_post, unit, grade, c.id, serving});
    }

    std::vector<BatchVacancy> take() { return std::move(out_); }

private:
    void push(BatchVacancy v) {
        if (v.post.empty() || v.unit.empty() || !seen_.emplace(v.post, v.unit).second) return;
        out_.push_back(std::move(v));
    }

    Date day_;
    std::set<std::pair<std::string, std::string>> seen_;
    std::vector<BatchVacancy> out_;
};

}  // namespace

Result<std::vector<BatchVacancy>> jobfit_vacancies(Journal& journal, const job_fit::Batch& batch, Date day) {
    Collector found(day);
    std::set<std::string> batch_cases;
    for (const auto& [nip, id] : batch.cases) {
        auto record = journal.find_case(id);
        if (!record) return record.error();
        found.add(*record);
        batch_cases.insert(id);
    }
    // The cases the batch's cases opened (a rotation's mutation, a development).
    // TODO(links): ask the journal's origin index (CaseFilter origin) instead of reading every case.
    auto all = journal.list_cases(CaseFilter{});
    if (!all) return all.error();
    for (const auto& c : *all) {
        if (c.workflow == "job_fit" || c.workflow == "open_selection") continue;
        if (c.data.find("\"origin\"") == std::string::npos) continue;
        if (batch_cases.contains(text_at(data_of(c), "origin"))) found.add(c);
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
