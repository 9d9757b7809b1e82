#pragma once
// A fixed table of the wire names of an enum, in declaration order.
//
// Every closed vocabulary of the data model (fraud types, channels, roles, …)
// is an `enum class` plus one such table, so parsing and printing share one
// list and cannot drift apart. Lookups are linear: the lists are ≤ 12 long.
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace zicht::model {

template <typename Enum, size_t N>
struct EnumNames {
  std::array<std::string_view, N> names;

  constexpr std::string_view Name(Enum e) const { return names[static_cast<size_t>(e)]; }

  //! The enum whose wire name is exactly `text`, or nullopt.
  constexpr std::optional<Enum> Parse(std::string_view text) const {
    for (size_t i = 0; i < N; ++i) {
      if (names[i] == text) return static_cast<Enum>(i);
    }
    return std::nullopt;
  }

  //! "a, b, c" — for error messages that list what is allowed.
  std::string Joined() const {
    std::string out;
    for (size_t i = 0; i < N; ++i) {
      if (i) out += ", ";
      out += names[i];
    }
    return out;
  }

  static constexpr size_t size() { return N; }
};

}  // namespace zicht::model
