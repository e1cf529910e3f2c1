// libFuzzer target for the AppSync VTL engine (core/emulator/vtl*): a lab author's mapping
// template is arbitrary text, parsed when the lab loads and rendered on every field. Checked
// properties: parsing and rendering never crash or overflow the stack (ASan/UBSan), every
// error reads "line:column: message" with a position inside the template, and a template that
// parses renders to a value or to such an error.
#include "core/emulator/vtl.h"

#include <QRegularExpression>

#include <cstdint>
#include <cstdlib>

using namespace Gatehouse::Emulator;

namespace {

void checkPosition(const QString &message, const QString &source)
{
    static const QRegularExpression position(QStringLiteral("^(\\d+):(\\d+): \\S"));
    const auto match = position.match(message);
    if (!match.hasMatch())
        abort();
    const int line = match.captured(1).toInt();
    if (line < 1 || line > source.count(QLatin1Char('\n')) + 1 || match.captured(2).toInt() < 1)
        abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString source = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto parsed = Vtl::Template::parse(source);
    if (!parsed) {
        checkPosition(parsed.error().message, source);
        return 0;
    }
    Vtl::Context context;
    context.arguments = "{\"id\":\"p1\",\"n\":3,\"tags\":[\"a\",\"b\"],\"input\":{\"title\":\"T\",\"x\":null}}";
    context.identity = "{\"sub\":\"u-1\",\"claims\":{}}";
    context.stash = "{\"k\":[1,2.5,true]}";
    const auto output = Vtl::render(*parsed, context);
    if (!output)
        checkPosition(output.error().message, source);
    return 0;
}
