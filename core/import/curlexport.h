#pragma once

#include "core/requestspec.h"
#include "core/variables.h"

#include <QString>
#include <QStringList>

namespace Gatehouse::Core::Import {

struct CurlExport
{
    QString command;   // one line, POSIX shell quoting
    QStringList notes; // what was left out or left as a {{variable}}, and why
};

// A cURL command that sends what `spec` would send, for a terminal, a bug report or a
// colleague. Variables the environment defines are filled in, except secret ones; secrets are
// never written out: secret variables stay {{name}}, literal Authorization, Cookie and API-key
// values and bearer tokens become {{variables}}, and SigV4 becomes curl's --aws-sigv4 with
// --user '{{accessKeyId}}:{{secretAccessKey}}' (curl 7.75 or later signs it).
CurlExport exportCurl(const RequestSpec &spec, const Environment &environment = {});

// A word quoted for a POSIX shell: bare when it is safe, else in single quotes.
QString shellQuote(const QString &word);

} // namespace Gatehouse::Core::Import
