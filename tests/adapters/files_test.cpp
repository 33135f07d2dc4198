// Tests for adapters/files: the configuration, holiday files and the roster
// are read only from regular files, bounded; the notice file is a regular file
// or nothing yet. A directory, /dev/zero, a FIFO and an oversized file are
// each refused naming the path, without blocking or reading past the limit.
#include "alur/files/files.hpp"

#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

using alur::errc;
namespace files = alur::files;
using Kind = files::FileError::Kind;

namespace {

/// A FIFO at `path`; nothing ever writes to it, so a blocking open would hang the test.
void make_fifo(const std::filesystem::path& path) { REQUIRE(::mkfifo(path.c_str(), 0600) == 0); }

/// A sparse file of `bytes` bytes (nothing written, so it costs no disk).
void make_sized(const std::filesystem::path& path, std::uintmax_t bytes) {
    std::ofstream(path, std::ios::binary).put('x');
    std::filesystem::resize_file(path, bytes);
}

}  // namespace

TEST_CASE("files: a regular file within the limit is read whole", "[files]") {
    alur::test::TempDir dir;
    const auto path = dir / "alur.toml";
    const std::string text(70000, 'a');  // more than one read() chunk
    std::ofstream(path, std::ios::binary) << text;
    auto read = files::read_regular_file(path, files::mib);
    REQUIRE(read);
    CHECK(read.text == text);

    SECTION("exactly at the limit is still read") {
        auto at = files::read_regular_file(path, text.size());
        REQUIRE(at);
        CHECK(at.text.size() == text.size());
    }
    SECTION("one byte over is refused") {
        auto over = files::read_regular_file(path, text.size() - 1);
        REQUIRE_FALSE(over);
        CHECK(over.error->kind == Kind::too_large);
        CHECK(over.text.empty());
    }
}

TEST_CASE("files: a missing file is not_found, naming it", "[files]") {
    alur::test::TempDir dir;
    const auto path = dir / "absent.toml";
    auto read = files::read_regular_file(path, files::mib);
    REQUIRE_FALSE(read);
    CHECK(read.error->kind == Kind::not_found);
    const alur::Error e = files::file_error(*read.error, "configuration file");
    CHECK(e.code == errc::not_found);
    CHECK(e.message == "configuration file not found: " + path.string());
    CHECK_FALSE(files::check_regular_or_absent(path).has_value());  // absent is fine for the notice file
}

TEST_CASE("files: a directory, a device and a FIFO are refused as what they are", "[files]") {
    alur::test::TempDir dir;
    struct Case {
        std::filesystem::path path;
        files::FileType type;
        const char* text;
    };
    make_fifo(dir / "pipe");
    std::filesystem::create_directory(dir / "sub");
    for (const Case& c : {Case{dir / "sub", files::FileType::directory, "a directory"},
                          Case{"/dev/zero", files::FileType::character_device, "a character device"},
                          Case{"/dev/null", files::FileType::character_device, "a character device"},
                          Case{dir / "pipe", files::FileType::fifo, "a FIFO"}}) {
        INFO(c.path.string());
        auto read = files::read_regular_file(c.path, files::mib);  // returns at once: no read, no wait
        REQUIRE_FALSE(read);
        CHECK(read.error->kind == Kind::not_regular);
        CHECK(read.error->type == c.type);
        const alur::Error e = files::file_error(*read.error, "holiday file");
        CHECK(e.code == errc::invalid_input);
        CHECK(e.message == "holiday file " + c.path.string() + " is " + c.text + ", not a regular file");

        auto notice = files::check_regular_or_absent(c.path);
        REQUIRE(notice.has_value());
        CHECK(notice->type == c.type);
    }
}

TEST_CASE("files: an oversized file is refused by its size, before reading", "[files]") {
    alur::test::TempDir dir;
    const auto path = dir / "huge.toml";
    make_sized(path, 4096ull * files::mib);  // 4 GiB, sparse: reading it would take long
    auto read = files::read_regular_file(path, files::mib);
    REQUIRE_FALSE(read);
    CHECK(read.error->kind == Kind::too_large);
    CHECK(read.error->limit == files::mib);
    const alur::Error e = files::file_error(*read.error, "configuration file");
    CHECK(e.code == errc::invalid_input);
    CHECK(e.message == "configuration file " + path.string() + " is larger than 1 MiB");
    CHECK_FALSE(files::check_regular_or_absent(path).has_value());  // a regular file
}

TEST_CASE("files: the limits as messages state them", "[files]") {
    CHECK(files::size_text(files::mib) == "1 MiB");
    CHECK(files::size_text(200 * files::mib) == "200 MiB");
    CHECK(files::size_text(64 * 1024) == "64 KiB");
    CHECK(files::size_text(1000) == "1000 bytes");
}

TEST_CASE("files: read_file_or_stdin reads every path but - as a file", "[files]") {
    alur::test::TempDir dir;
    const auto path = dir / "roster.csv";
    std::ofstream(path, std::ios::binary) << "nip,name\n";
    // Standard input ("-") is read by the roster scenario tests, through the real binary.
    auto by_path = files::read_file_or_stdin(path.string(), files::mib);
    REQUIRE(by_path);
    CHECK(by_path.text == "nip,name\n");
    auto dev = files::read_file_or_stdin("/dev/zero", files::mib);
    REQUIRE_FALSE(dev);
    CHECK(dev.error->kind == Kind::not_regular);
}
