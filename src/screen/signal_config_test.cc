// Signals as data (signal_config.h): the shipped files load, a directory
// overrides file by file, and every malformed line is an error naming file,
// line and column.
#include "screen/signal_config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "screen/screener.h"
#include "testutil/testutil.h"

namespace zicht::screen {
namespace {

std::map<std::string, std::string, std::less<>> BuiltinFiles() {
  std::map<std::string, std::string, std::less<>> files;
  for (std::string_view name : kSignalFiles) files.emplace(name, BuiltinSignalFile(name));
  return files;
}

// The error of the built-in set with `name` replaced by `text`.
std::string ErrorWith(std::string_view name, std::string text) {
  auto files = BuiltinFiles();
  files[std::string(name)] = std::move(text);
  auto config = ParseSignalConfig(files);
  return config.ok() ? "ok" : config.status().message();
}

TEST(SignalConfig, BuiltinFilesLoad) {
  auto config = BuiltinSignalConfig();
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_GE(config->patterns.size(), 100u);
  EXPECT_GE(config->variants.size(), 140u);
  EXPECT_GE(config->brands.size(), 30u);
  EXPECT_FALSE(config->score_rules.empty());
  EXPECT_EQ(config->source, "built-in");
  // The shipped files are the ones in data/screening/ (embedded at build time).
  for (std::string_view name : kSignalFiles) {
    EXPECT_EQ(BuiltinSignalFile(name),
              testutil::ReadFile(testutil::SourceDir() + "/data/screening/" + std::string(name)))
        << name;
  }
}

TEST(SignalConfig, ErrorsNameFileLineAndColumn) {
  EXPECT_EQ(ErrorWith("patterns.tsv", "# c\nNEW_NUMBR\twords\tx\n"), "patterns.tsv:2:1: unknown signal \"NEW_NUMBR\"");
  EXPECT_EQ(ErrorWith("patterns.tsv", "URGENCY\twords\t(unclosed\n"),
            "patterns.tsv:1:15: regex does not compile: missing ): (unclosed");
  EXPECT_EQ(ErrorWith("patterns.tsv", "URGENCY\tsideways\tx\n"),
            "patterns.tsv:1:9: view must be \"words\" or \"folded\", not \"sideways\"");
  EXPECT_EQ(ErrorWith("patterns.tsv", "LINK\tfolded\thttps\n"),
            "patterns.tsv:1:13: a folded pattern must need a \".\" or \":\" (the folded scan is skipped without one)");
  EXPECT_EQ(ErrorWith("patterns.tsv", "URGENCY\twords\n"),
            "patterns.tsv:1:9: expected 3 tab-separated fields (SIGNAL, words|folded, regex), found 2");
  EXPECT_EQ(ErrorWith("patterns.tsv", "NEW_NUMBER\twords\tnieuw nummer \xc3\xa9\n"),
            "patterns.tsv:1:31: a pattern is ASCII: the text it runs on has no diacritics (write e for \u00e9)");
  EXPECT_EQ(ErrorWith("variants.tsv", "nr\tnummer\nnr\tnummer\n"), "variants.tsv:2:1: variant \"nr\" listed twice");
  EXPECT_EQ(ErrorWith("variants.tsv", "Nr\tnummer\n"),
            "variants.tsv:1:1: write the word as normalised: lower case, no apostrophes");
  EXPECT_EQ(ErrorWith("weights.tsv", "weight\thulpvraagfraude\tNEW_NUMBER\t1.5\n"),
            "weights.tsv:1:35: expected a number from 0.0 to 1.0, not \"1.5\"");
  EXPECT_EQ(ErrorWith("weights.tsv", "weight\tspam\tNEW_NUMBER\t0.5\n"),
            "weights.tsv:1:8: unknown label \"spam\" (hulpvraagfraude, phishing, bankhelpdeskfraude)");
  EXPECT_EQ(ErrorWith("weights.tsv", "floor\t*\t0.9\tNEW_NUMBER -FAMILY_ADRES\n"),
            "weights.tsv:1:25: unknown signal \"FAMILY_ADRES\"");
  EXPECT_EQ(ErrorWith("weights.tsv", "boost\tphishing\t2\n"),
            "weights.tsv:1:1: unknown rule \"boost\" (weight, gate, known_sender, safety_advice, floor, cap)");
  EXPECT_EQ(ErrorWith("brands.tsv", "ing\tING.nl\ting\n"),
            "brands.tsv:1:5: a domain is lower-case ASCII letters, digits, '-' and '.'");
  EXPECT_EQ(ErrorWith("brands.tsv", "ing\ting.nl\n"),
            "brands.tsv:1:5: expected 3 tab-separated fields (NAME, DOMAINS, TOKENS), found 2");
  EXPECT_EQ(ErrorWith("variants.tsv", std::string("nr\tnum\xff") + "mer\n"), "variants.tsv:1:7: invalid UTF-8");
}

TEST(SignalConfig, ModelErrorsNameLineAndColumn) {
  auto files = BuiltinFiles();
  files["model.tsv"] = "# m\nbias\t0.1\nw:mam\tlots\n";
  auto config = ParseSignalConfig(files);
  ASSERT_TRUE(config.ok());
  auto screener = Screener::Create(*config);
  ASSERT_FALSE(screener.ok());
  EXPECT_EQ(screener.status().message(), "model.tsv:3:7: not a number: \"lots\"");
}

TEST(SignalConfig, DirectoryOverridesFileByFile) {
  const auto dir = std::filesystem::temp_directory_path() / ("zicht-signals-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    std::ofstream(dir / "patterns.tsv") << "# only one signal\nURGENCY\twords\t\\bnu meteen\\b\n";
  }
  auto config = LoadSignalConfig(dir.string());
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->patterns.size(), 1u);
  EXPECT_GE(config->variants.size(), 140u);  // built-in
  EXPECT_EQ(config->source, dir.string());
  {
    std::ofstream(dir / "brands.tsv") << "ing\ting.nl\n";
  }
  auto bad = LoadSignalConfig(dir.string());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            dir.string() + "/brands.tsv:1:5: expected 3 tab-separated fields (NAME, DOMAINS, TOKENS), found 2");
  std::filesystem::remove_all(dir);
  auto missing = LoadSignalConfig(dir.string());
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("no screening files"), std::string::npos);
}

}  // namespace
}  // namespace zicht::screen
