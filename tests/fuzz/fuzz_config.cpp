// Fuzzes the TOML configuration loader (adapters/config: load_string) on
// arbitrary text. Relative holiday files are looked up in a directory made
// for the run that holds one real holiday file, holidays.txt (a copy of
// data/holidays/2025.txt), so files that exist are read too.
//
// Checks: a refusal is invalid_input (not_found or io for a holiday file) and
// names the file; a configuration accepted holds only what the loader
// promises — a known time zone, scoring profiles that pass check_profile
// with every default profile present, deadlines whose timers can be
// computed (in order, not before the state is entered) on its calendar — and
// loading the same text again gives the same answer.
#include "fuzz_support.hpp"

#include "alur/config/config.hpp"

#include <filesystem>
#include <fstream>

using namespace alur;

namespace {

std::filesystem::path base_dir() {
    static const std::filesystem::path dir = [] {
        auto d = std::filesystem::temp_directory_path() / ("alur-fuzz-config-" + std::to_string(::getpid()));
        std::filesystem::create_directories(d);
        std::ofstream(d / "holidays.txt") << "2025-01-01 libur_nasional Tahun Baru 2025 Masehi\n"
                                             "2025-03-31 libur_nasional Hari Raya Idul Fitri 1446 H\n"
                                             "2025-04-02 cuti_bersama Cuti Bersama Idul Fitri 1446 H\n";
        return d;
    }();
    return dir;
}

void check_profiles(const std::map<std::string, rules::ScoringProfile>& profiles, const std::string& default_profile) {
    for (const auto& [name, p] : profiles) {
        auto ok = rules::check_profile(p);
        FUZZ_CHECK(ok, "profile " + name + " accepted but fails check_profile: " + (ok ? "" : ok.error().message));
    }
    FUZZ_CHECK(profiles.count(default_profile), "default profile " + default_profile + " is not among the profiles");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto config = config::load_string(text, "fuzz.toml", base_dir());
    auto again = config::load_string(text, "fuzz.toml", base_dir());
    FUZZ_CHECK(bool(config) == bool(again), "the same text loads once and fails once");
    if (!config) {
        FUZZ_CLEAN(config.error(), errc::invalid_input, errc::not_found, errc::io);
        FUZZ_CHECK(config.error().message.starts_with("fuzz.toml"), "the refusal does not name the file: " + fuzz::describe(config.error()));
        FUZZ_CHECK(config.error().message == again.error().message, "two refusals of the same text differ");
        return 0;
    }
    const config::Config& c = *config;
    FUZZ_CHECK(TimeZone::from_name(c.timezone.name), "unknown time zone " + c.timezone.name);
    check_profiles(c.mutation.profiles, c.mutation.default_profile);
    check_profiles(c.job_fit.profiles, c.job_fit.default_profile);
    check_profiles(c.open_selection.profiles, c.open_selection.default_profile);
    for (const auto& w : c.mutation.election_windows) FUZZ_CHECK(w.from.ok() && w.until.ok(), "an impossible window date");
    FUZZ_CHECK(!c.notify.channels.empty(), "no notice channel");
    FUZZ_CHECK(c.deadline_clock.due_time >= std::chrono::minutes{0} && c.deadline_clock.due_time < std::chrono::hours{24},
               "due_time outside the day");

    const TimePoint entered = parse_datetime("2025-06-02T09:00", c.timezone).value();
    for (const auto& [workflow, policy] : c.deadlines)
        for (const auto& [state, rule] : policy) {
            const TimePoint due = due_time_for(rule, entered, c.deadline_clock);
            FUZZ_CHECK(due >= entered, workflow + "." + state + ": due before the state is entered");
            const auto timers = timers_for_state("X-1", state, rule, entered, c.deadline_clock);
            for (std::size_t i = 0; i < timers.size(); ++i) {
                FUZZ_CHECK(timers[i].fire_at > entered, workflow + "." + state + ": a timer not after entering");
                if (i) FUZZ_CHECK(timers[i - 1].fire_at <= timers[i].fire_at, workflow + "." + state + ": timers out of order");
            }
        }
    // The workflows take the settings as they are.
    (void)mutation::make_workflow(c.mutation);
    (void)job_fit::make_workflow(c.job_fit);
    (void)open_selection::make_workflow(c.open_selection);
    (void)performance_review::make_workflow(c.performance_review);
    return 0;
}
