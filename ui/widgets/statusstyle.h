#pragma once

namespace Gatehouse::Ui::StatusStyle {

// Style sheets for one-line status labels, so every tool colours problems and good news alike.
inline constexpr char Problem[] = "color: #c5221f;";
inline constexpr char Fine[] = "color: #1e8e3e;";

} // namespace Gatehouse::Ui::StatusStyle
