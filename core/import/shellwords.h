#pragma once

#include "importresult.h"

#include <QList>
#include <QString>

namespace Gatehouse::Core::Import {

struct ShellWord
{
    QString text;
    int line = 1;
    int column = 1;
};

// The words of pasted command lines, as a shell would pass them to the program: bash and
// POSIX quoting ('…', "…", $'…', backslashes, backslash-newline continuations) or, when the
// text uses cmd.exe's ^ escapes as browsers' "Copy as cURL (cmd)" does, cmd.exe and the
// Windows C runtime's rules. An unescaped newline, ';', '&&' or '|' ends a command.
struct ShellWords
{
    QList<QList<ShellWord>> commands;
    QList<ImportProblem> problems; // unterminated quotes; the command they start is dropped
};

ShellWords splitShellWords(const QString &text, const QString &source);

} // namespace Gatehouse::Core::Import
