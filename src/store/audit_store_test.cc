// The audit store on a real SQLite file in a temporary directory, and the
// segment encoding it stores.
#include "store/audit_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cctype>
#include <random>

#include "store/audit_segment.h"
#include "testutil/testutil.h"

namespace zicht::store {
namespace {

std::string Hex64(std::mt19937_64& rng) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s(64, '0');
  for (char& c : s) c = kDigits[rng() % 16];
  return s;
}

AuditEntry Check(UnixSeconds at, std::string partner, std::string pseudonym, std::string purpose = "fraud check") {
  AuditEntry e;
  e.at = at;
  e.partner = std::move(partner);
  e.key_id = "3fa2c1d09b7e";
  e.endpoint = "POST /v1/check";
  e.kind = "iban";
  e.pseudonym = std::move(pseudonym);
  e.purpose = std::move(purpose);
  e.legal_basis = "AVG art. 6(1)(f); convenant PPS fraude";
  e.result = "high";
  return e;
}

// Every field, and seq.
void ExpectSame(const AuditEntry& a, const AuditEntry& b) {
  EXPECT_EQ(a.seq, b.seq);
  EXPECT_EQ(a.at, b.at);
  EXPECT_EQ(a.partner, b.partner);
  EXPECT_EQ(a.key_id, b.key_id);
  EXPECT_EQ(a.endpoint, b.endpoint);
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.pseudonym, b.pseudonym);
  EXPECT_EQ(a.subject, b.subject);
  EXPECT_EQ(a.purpose, b.purpose);
  EXPECT_EQ(a.result, b.result);
  EXPECT_EQ(a.legal_basis, b.legal_basis);
}

// The awkward values: empty strings everywhere, pseudonyms that look almost
// like the server's hex form, bytes that are not text, UTF-8, 200 characters
// of purpose, times far apart and going backwards.
std::vector<AuditEntry> AwkwardEntries() {
  std::mt19937_64 rng(7);
  std::vector<AuditEntry> v;
  v.push_back(AuditEntry{});  // all empty, at = 0
  v.push_back(Check(1767225600, "rabobank", Hex64(rng)));
  std::string upper = Hex64(rng);
  upper[10] = 'A';
  v.push_back(Check(1767225601, "rabobank", upper));                      // upper-case hex: literal
  v.push_back(Check(1767225601, "ing", Hex64(rng).substr(0, 63)));        // 63 hex digits
  v.push_back(Check(1767225602, "ing", Hex64(rng) + "0"));                // 65 hex digits
  v.push_back(Check(1767225590, "politie", std::string("a\0b\xff", 4)));  // earlier time, NUL and 0xff
  v.push_back(Check(-5, "", "NL91 ABNA 0417 1643 00", std::string(200, 'x')));
  AuditEntry read;
  read.at = INT64_MAX;
  read.partner = "politië";
  read.key_id = "k";
  read.endpoint = "GET /v1/clusters/{id}";
  read.subject = "c-0001";
  read.purpose = "onderzoek fraude — zaak 12 ✓ 日本";
  read.result = "ok";
  v.push_back(read);
  AuditEntry min_time = read;
  min_time.at = INT64_MIN;
  min_time.result = "not_found";
  v.push_back(min_time);
  return v;
}

TEST(AuditSegmentTest, EncodeDecodeRoundTripsEveryField) {
  std::vector<AuditEntry> in = AwkwardEntries();
  std::vector<AuditEntry> out;
  ASSERT_TRUE(DecodeAuditSegment(EncodeAuditSegment(in), 100, &out).ok());
  ASSERT_EQ(out.size(), in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    in[i].seq = 100 + static_cast<int64_t>(i);
    ExpectSame(out[i], in[i]);
  }
}

TEST(AuditSegmentTest, HexPseudonymTakesItsRawBytes) {
  std::mt19937_64 rng(1);
  std::vector<AuditEntry> in;
  for (int i = 0; i < 1000; ++i) in.push_back(Check(1767225600 + i / 100, "rabobank", Hex64(rng)));
  std::string data = EncodeAuditSegment(in);
  // 32 pseudonym bytes + tag + 8 indices + 1 time byte per entry, plus the header.
  EXPECT_LE(data.size(), 1000u * 42 + 160);
}

// The packed form must accept exactly the 64-lower-case-hex pseudonyms:
// any other byte at any position (upper case, ':' and '`' just past the
// digit and letter ranges, bytes ≥ 0x80) keeps the literal.
TEST(AuditSegmentTest, EveryByteAtEveryPositionOfAHexPseudonymRoundTrips) {
  std::mt19937_64 rng(5);
  const std::string base = Hex64(rng);
  std::vector<AuditEntry> in;
  size_t hex_variants = 0;
  for (size_t pos : {0, 1, 7, 8, 15, 16, 31, 32, 47, 48, 62, 63}) {
    for (int c = 0; c < 256; ++c) {
      std::string p = base;
      p[pos] = static_cast<char>(c);
      if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) ++hex_variants;
      in.push_back(Check(1, "x", p));
    }
  }
  std::string data = EncodeAuditSegment(in);
  std::vector<AuditEntry> out;
  ASSERT_TRUE(DecodeAuditSegment(data, 1, &out).ok());
  ASSERT_EQ(out.size(), in.size());
  for (size_t i = 0; i < in.size(); ++i) ASSERT_EQ(out[i].pseudonym, in[i].pseudonym) << i;
  // Packed entries take 33 bytes for the pseudonym, literals 65.
  const size_t literals = in.size() - hex_variants;
  EXPECT_LT(data.size(), hex_variants * 43 + literals * 75 + 96);
  EXPECT_GT(data.size(), hex_variants * 42 + literals * 74);
}

TEST(AuditSegmentTest, EveryTruncationAndBadVersionIsCorruption) {
  std::string data = EncodeAuditSegment(AwkwardEntries());
  std::vector<AuditEntry> out;
  for (size_t n = 0; n < data.size(); ++n) {
    Status s = DecodeAuditSegment(std::string_view(data).substr(0, n), 1, &out);
    EXPECT_EQ(s.code(), StatusCode::kCorruption) << "prefix " << n;
    EXPECT_TRUE(out.empty());
  }
  EXPECT_EQ(DecodeAuditSegment(data + "x", 1, &out).code(), StatusCode::kCorruption);
  std::string v3 = data;
  v3[0] = 3;
  EXPECT_EQ(DecodeAuditSegment(v3, 1, &out).code(), StatusCode::kCorruption);
  // A huge entry count must be refused before anything is allocated.
  std::string huge("\x01\x00\xff\xff\xff\xff\xff\xff\xff\xff\x7f", 11);
  EXPECT_EQ(DecodeAuditSegment(huge, 1, &out).code(), StatusCode::kCorruption);
  // An index past the dictionary (a version-1 blob: seven indices, no
  // legal basis).
  std::string bad_index("\x01\x01\x01z\x01\x00\x00\x00\x00\x00\x00\x00\x05\x01", 14);
  EXPECT_EQ(DecodeAuditSegment(bad_index, 1, &out).code(), StatusCode::kCorruption);
  bad_index[12] = 0;  // now valid: every index 0, pseudonym literal ""
  ASSERT_TRUE(DecodeAuditSegment(bad_index, 1, &out).ok());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].result, "z");
  EXPECT_EQ(out[0].legal_basis, "");
  EXPECT_EQ(out[0].pseudonym, "");
}

class AuditStoreTest : public ::testing::Test {
 protected:
  std::unique_ptr<AuditStore> Open() {
    auto s = AuditStore::Open(path_);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(s).value() : nullptr;
  }

  // Runs `sql` on a separate raw connection; returns SQLite's result code.
  int RawExec(const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return rc;
  }

  int64_t RawCount(const std::string& table) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    int64_t n = -1;
    if (sqlite3_prepare_v2(db, ("SELECT COUNT(*) FROM " + table).c_str(), -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
      n = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
  }

  std::vector<AuditEntry> All(AuditStore& store, AuditQuery q = {}) {
    auto r = store.Query(q);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(r).value() : std::vector<AuditEntry>{};
  }

  testutil::TempDir dir_;
  std::string path_ = dir_.File("audit.db");
};

TEST_F(AuditStoreTest, RoundTripsEveryFieldThroughSqlite) {
  auto store = Open();
  std::vector<AuditEntry> in = AwkwardEntries();
  ASSERT_TRUE(store->Append(in).ok());
  std::vector<AuditEntry> out = All(*store);
  ASSERT_EQ(out.size(), in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    in[i].seq = 1 + static_cast<int64_t>(i);
    ExpectSame(out[i], in[i]);
  }
  EXPECT_EQ(RawCount("audit_segment"), 1);
  EXPECT_EQ(RawCount("audit_log"), -1) << "a new database must not get the legacy table";
}

TEST_F(AuditStoreTest, SeqIncreasesAcrossBatchesAndReopen) {
  std::mt19937_64 rng(2);
  {
    auto store = Open();
    ASSERT_TRUE(store->Append({Check(10, "a", Hex64(rng)), Check(11, "a", Hex64(rng))}).ok());
    ASSERT_TRUE(store->Append({}).ok());  // nothing, and no empty segment
    ASSERT_TRUE(store->Append({Check(12, "b", Hex64(rng))}).ok());
  }
  auto store = Open();
  ASSERT_TRUE(store->Append({Check(13, "c", Hex64(rng)), Check(14, "c", Hex64(rng)), Check(15, "c", Hex64(rng))}).ok());
  std::vector<AuditEntry> out = All(*store);
  ASSERT_EQ(out.size(), 6u);
  for (size_t i = 0; i < out.size(); ++i) {
    EXPECT_EQ(out[i].seq, static_cast<int64_t>(i) + 1);
    EXPECT_EQ(out[i].at, static_cast<UnixSeconds>(10 + i));
  }
  EXPECT_EQ(RawCount("audit_segment"), 3);
}

TEST_F(AuditStoreTest, TwoStoresOnOneFileNeverReuseASeq) {
  auto a = Open();
  auto b = Open();
  ASSERT_TRUE(a->Append({Check(1, "a", "x"), Check(2, "a", "y")}).ok());
  ASSERT_TRUE(b->Append({Check(3, "b", "z")}).ok());
  ASSERT_TRUE(a->Append({Check(4, "a", "w")}).ok());
  std::vector<AuditEntry> out = All(*b);
  ASSERT_EQ(out.size(), 4u);
  for (size_t i = 0; i < out.size(); ++i) EXPECT_EQ(out[i].seq, static_cast<int64_t>(i) + 1);
}

// Each filter and their combinations against a straightforward reference,
// over several segments with interleaved partners and times.
TEST_F(AuditStoreTest, QueryFiltersAndLimitMatchAReference) {
  auto store = Open();
  std::mt19937_64 rng(3);
  std::vector<std::string> pseudonyms = {Hex64(rng), Hex64(rng), "not-hex"};
  std::vector<std::string> partners = {"rabobank", "ing", "politie"};
  std::vector<AuditEntry> all;
  for (int batch = 0; batch < 5; ++batch) {
    std::vector<AuditEntry> b;
    for (int i = 0; i < 40; ++i) {
      b.push_back(Check(1000 + batch * 100 + i, partners[rng() % 3], pseudonyms[rng() % 3]));
      b.back().seq = static_cast<int64_t>(all.size()) + 1;
      all.push_back(b.back());
    }
    ASSERT_TRUE(store->Append(b).ok());
  }
  std::vector<std::optional<std::string>> partner_opts = {std::nullopt, "ing", "nobody"};
  std::vector<std::optional<UnixSeconds>> since_opts = {std::nullopt, 1215, 1300, 99999};
  std::vector<std::optional<std::string>> pseudonym_opts = {std::nullopt, pseudonyms[0], "not-hex"};
  int cases = 0;
  for (auto& partner : partner_opts) {
    for (auto& since : since_opts) {
      for (auto& pseudonym : pseudonym_opts) {
        for (size_t limit : {0, 1, 7, 1000}) {
          AuditQuery q{partner, since, pseudonym, limit};
          std::vector<AuditEntry> want;
          for (const AuditEntry& e : all) {
            if ((!partner || e.partner == *partner) && (!since || e.at >= *since) &&
                (!pseudonym || e.pseudonym == *pseudonym)) {
              want.push_back(e);
            }
          }
          if (limit > 0 && want.size() > limit) want.erase(want.begin(), want.end() - static_cast<ptrdiff_t>(limit));
          std::vector<AuditEntry> got = All(*store, q);
          ASSERT_EQ(got.size(), want.size()) << "case " << cases;
          for (size_t i = 0; i < got.size(); ++i) ExpectSame(got[i], want[i]);
          ++cases;
        }
      }
    }
  }
  EXPECT_EQ(cases, 144);
  // The packed pseudonym matches only its own spelling, not its upper case.
  std::string upper = pseudonyms[0];
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_TRUE(All(*store, {std::nullopt, std::nullopt, upper, 0}).empty());
  EXPECT_FALSE(All(*store, {std::nullopt, std::nullopt, pseudonyms[0], 0}).empty());
  // Spot checks that the filters are not all vacuous.
  EXPECT_EQ(All(*store, {std::nullopt, 1300, std::nullopt, 0}).size(), 80u);
  EXPECT_EQ(All(*store, {std::nullopt, std::nullopt, std::nullopt, 7}).front().seq, 194);
}

TEST_F(AuditStoreTest, SegmentTableIsAppendOnly) {
  {
    auto store = Open();
    ASSERT_TRUE(store->Append({Check(1, "a", "x"), Check(2, "a", "y")}).ok());
  }
  EXPECT_NE(RawExec("UPDATE audit_segment SET entries = 1"), SQLITE_OK);
  EXPECT_NE(RawExec("UPDATE audit_segment SET data = x'00'"), SQLITE_OK);
  EXPECT_NE(RawExec("DELETE FROM audit_segment"), SQLITE_OK);
  // REPLACE would delete without firing the delete trigger; inserting
  // inside or before the stored seqs is refused too.
  EXPECT_NE(RawExec("INSERT OR REPLACE INTO audit_segment VALUES (1, 1, 0, 0, x'00')"), SQLITE_OK);
  EXPECT_NE(RawExec("INSERT INTO audit_segment VALUES (2, 1, 0, 0, x'00')"), SQLITE_OK);
  EXPECT_NE(RawExec("INSERT INTO audit_segment(entries, min_at, max_at, data) VALUES (1, 0, 0, x'00')"), SQLITE_OK);
  EXPECT_NE(RawExec("INSERT INTO audit_segment VALUES (3, 0, 0, 0, x'00')"), SQLITE_OK);
  auto store = Open();
  EXPECT_EQ(All(*store).size(), 2u);
}

TEST_F(AuditStoreTest, LegacyTableIsReadAndSeqsContinueAfterIt) {
  ASSERT_EQ(RawExec(R"sql(
    CREATE TABLE audit_log (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, partner TEXT NOT NULL, key_id TEXT NOT NULL,
      endpoint TEXT NOT NULL, kind TEXT NOT NULL, pseudonym TEXT NOT NULL, subject TEXT NOT NULL,
      purpose TEXT NOT NULL, result TEXT NOT NULL);
    CREATE INDEX audit_log_pseudonym ON audit_log(pseudonym);
    INSERT INTO audit_log VALUES (3, 100, 'rabobank', 'k1', 'POST /v1/check', 'iban', 'p1', '', 'fraud', 'high');
    INSERT INTO audit_log VALUES (9, 200, 'ing', 'k2', 'GET /v1/clusters/{id}', '', '', 'c-1', '', 'ok');
  )sql"),
            SQLITE_OK);
  auto store = Open();
  ASSERT_TRUE(store->Append({Check(300, "rabobank", "p1"), Check(400, "ing", "p2")}).ok());
  std::vector<AuditEntry> out = All(*store);
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(out[0].seq, 3);
  EXPECT_EQ(out[0].purpose, "fraud");
  EXPECT_EQ(out[1].seq, 9);
  EXPECT_EQ(out[1].subject, "c-1");
  EXPECT_EQ(out[1].endpoint, "GET /v1/clusters/{id}");
  EXPECT_EQ(out[2].seq, 10);
  EXPECT_EQ(out[3].seq, 11);
  EXPECT_EQ(RawCount("audit_log"), 2) << "the legacy table is never written";

  // Filters and limit across both tables.
  std::vector<AuditEntry> p1 = All(*store, {std::nullopt, std::nullopt, "p1", 0});
  ASSERT_EQ(p1.size(), 2u);
  EXPECT_EQ(p1[0].seq, 3);
  EXPECT_EQ(p1[1].seq, 10);
  std::vector<AuditEntry> last3 = All(*store, {std::nullopt, std::nullopt, std::nullopt, 3});
  ASSERT_EQ(last3.size(), 3u);
  EXPECT_EQ(last3[0].seq, 9);
  EXPECT_EQ(last3[2].seq, 11);
  std::vector<AuditEntry> ing = All(*store, {"ing", 150, std::nullopt, 0});
  ASSERT_EQ(ing.size(), 2u);
  EXPECT_EQ(ing[0].seq, 9);
  EXPECT_EQ(ing[1].seq, 11);
}

TEST_F(AuditStoreTest, CorruptSegmentIsAnErrorNotACrash) {
  {
    auto store = Open();
    ASSERT_TRUE(store->Append({Check(1, "a", "x")}).ok());
  }
  // Truncated data under a valid-looking row.
  ASSERT_EQ(RawExec("INSERT INTO audit_segment VALUES (2, 1, 5, 5, x'0101057261626f')"), SQLITE_OK);
  auto store = Open();
  auto r = store->Query({});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
  EXPECT_NE(r.status().message().find("audit_segment 2"), std::string::npos) << r.status().message();

  // Data that decodes but disagrees with the row's entry count.
  path_ = dir_.File("other.db");
  auto fresh = Open();
  std::string data = EncodeAuditSegment({Check(1, "a", "x"), Check(2, "a", "y")});
  std::string hex;
  for (unsigned char c : data) {
    static constexpr char kDigits[] = "0123456789abcdef";
    hex += kDigits[c >> 4];
    hex += kDigits[c & 15];
  }
  ASSERT_EQ(RawExec("INSERT INTO audit_segment VALUES (1, 3, 1, 2, x'" + hex + "')"), SQLITE_OK);
  auto mismatch = fresh->Query({});
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.status().code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace zicht::store
