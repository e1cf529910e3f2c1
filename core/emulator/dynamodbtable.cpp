#include "dynamodbtable.h"

#include <QDateTime>

namespace Gatehouse::Emulator::Dynamo {

namespace {

const std::string kInvalid = "One or more parameter values were invalid: ";
constexpr long long kMaxItemBytes = 400 * 1024;
constexpr size_t kMaxHashKeyBytes = 2048;
constexpr size_t kMaxRangeKeyBytes = 1024;

} // namespace

bool PositionLess::operator()(const Position &a, const Position &b) const
{
    const size_t n = std::min(a.size(), b.size());
    for (size_t i = 0; i < n; ++i) {
        if (const int c = Table::compare(a[i], b[i]); c != 0)
            return c < 0;
    }
    return a.size() < b.size();
}

int Table::compare(const KeyPart &a, const KeyPart &b)
{
    if (a.type != b.type)
        return a.type < b.type ? -1 : 1;
    if (a.type == 'N')
        return compareNumbers(a.bytes, b.bytes);
    // S and B: unsigned bytes, which is UTF-8 code point order for S
    const size_t n = std::min(a.bytes.size(), b.bytes.size());
    for (size_t i = 0; i < n; ++i) {
        const auto x = static_cast<unsigned char>(a.bytes[i]), y = static_cast<unsigned char>(b.bytes[i]);
        if (x != y)
            return x < y ? -1 : 1;
    }
    return a.bytes.size() == b.bytes.size() ? 0 : (a.bytes.size() < b.bytes.size() ? -1 : 1);
}

KeyPart Table::keyPart(const Json &value)
{
    const std::string type = typeOf(value);
    const std::string text = value.begin().value().get<std::string>();
    if (type == "N")
        return KeyPart{'N', normalizeNumber(text)};
    if (type == "B")
        return KeyPart{'B', decodeBinary(text)};
    return KeyPart{'S', text};
}

Table::Table(const DynamoTableConfig &c, const QString &region, const QString &accountId)
    : config(c)
    , name(c.tableName.toStdString())
    , hashKey(c.hashKey.toStdString())
    , hashType(c.hashType.toStdString())
    , rangeKey(c.rangeKey.toStdString())
    , rangeType(c.rangeType.toStdString())
    , arn(QStringLiteral("arn:aws:dynamodb:%1:%2:table/%3").arg(region, accountId, c.tableName).toStdString())
    , createdAt(double(QDateTime::currentMSecsSinceEpoch()) / 1000.0)
{
    for (const DynamoTableConfig::Index &i : c.indexes) {
        Index index;
        index.config = i;
        index.name = i.name.toStdString();
        index.hashKey = i.hashKey.toStdString();
        index.hashType = i.hashType.toStdString();
        index.rangeKey = i.rangeKey.toStdString();
        index.rangeType = i.rangeType.toStdString();
        indexes.push_back(std::move(index));
    }
}

Position Table::keyPosition(const Json &key) const
{
    if (!key.is_object())
        fail("The provided key element does not match the schema");
    const size_t wanted = rangeKey.empty() ? 1 : 2;
    if (key.size() != wanted || !key.contains(hashKey) || (!rangeKey.empty() && !key.contains(rangeKey)))
        fail("The provided key element does not match the schema");
    validateValue(key[hashKey]);
    if (typeOf(key[hashKey]) != hashType)
        fail("The provided key element does not match the schema");
    Position p{keyPart(key[hashKey])};
    if (!rangeKey.empty()) {
        validateValue(key[rangeKey]);
        if (typeOf(key[rangeKey]) != rangeType)
            fail("The provided key element does not match the schema");
        p.push_back(keyPart(key[rangeKey]));
    }
    for (const KeyPart &part : p) {
        if (part.bytes.empty())
            fail("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty "
                 + std::string(part.type == 'B' ? "binary" : "string") + " value. Key: "
                 + (&part == &p[0] ? hashKey : rangeKey));
    }
    return p;
}

Position Table::itemPosition(const Json &item) const
{
    Position p;
    for (const auto &[attr, type] : {std::pair{hashKey, hashType}, std::pair{rangeKey, rangeType}}) {
        if (attr.empty())
            continue;
        if (!item.contains(attr))
            fail(kInvalid + "Missing the key " + attr + " in the item");
        if (typeOf(item[attr]) != type)
            fail(kInvalid + "Type mismatch for key " + attr + " expected: " + type + " actual: " + typeOf(item[attr]));
        p.push_back(keyPart(item[attr]));
        if (p.back().bytes.empty())
            fail("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty "
                 + std::string(type == "B" ? "binary" : "string") + " value. Key: " + attr);
    }
    if (p[0].bytes.size() > kMaxHashKeyBytes)
        fail(kInvalid + "Size of hashkey has exceeded the maximum size limit of2048 bytes");
    if (p.size() > 1 && p[1].bytes.size() > kMaxRangeKeyBytes)
        fail(kInvalid + "Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
    return p;
}

const Json *Table::find(const Position &key) const
{
    const auto it = items.find(key);
    return it == items.end() ? nullptr : &it->second;
}

Position Table::check(const Json &item) const
{
    if (itemSize(item) > kMaxItemBytes)
        fail("Item size has exceeded the maximum allowed size");
    const Position key = itemPosition(item);
    for (const Index &index : indexes) {
        for (const auto &[attr, type] : {std::pair{index.hashKey, index.hashType}, std::pair{index.rangeKey, index.rangeType}}) {
            if (attr.empty() || !item.contains(attr))
                continue;
            if (typeOf(item[attr]) != type)
                fail(kInvalid + "Type mismatch for Index Key " + attr + " Expected: " + type + " Actual: "
                     + typeOf(item[attr]) + " IndexName: " + index.name);
            if (keyPart(item[attr]).bytes.empty())
                fail("One or more parameter values are not valid. A value specified for a secondary index key is not "
                     "supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: "
                     + index.name + ", IndexKey: " + attr);
        }
    }
    return key;
}

void Table::put(const Json &item)
{
    const Position key = check(item);
    if (const Json *old = find(key)) {
        bytes -= itemSize(*old);
        unindex(*old, key);
    }
    items[key] = item;
    bytes += itemSize(item);
    addToIndexes(item, key);
}

void Table::erase(const Position &key)
{
    const auto it = items.find(key);
    if (it == items.end())
        return;
    bytes -= itemSize(it->second);
    unindex(it->second, key);
    items.erase(it);
}

// Sparse indexes: an item enters an index only when it carries all of the index's keys. Its
// position there is the index keys followed by the table key, so items sharing index keys stay apart.
std::optional<Position> Table::indexPosition(const Index &index, const Json &item, const Position &key)
{
    if (!item.contains(index.hashKey) || (!index.rangeKey.empty() && !item.contains(index.rangeKey)))
        return std::nullopt;
    Position p{keyPart(item[index.hashKey])};
    if (!index.rangeKey.empty())
        p.push_back(keyPart(item[index.rangeKey]));
    p.insert(p.end(), key.begin(), key.end());
    return p;
}

void Table::unindex(const Json &item, const Position &key)
{
    for (Index &index : indexes) {
        if (const std::optional<Position> p = indexPosition(index, item, key))
            index.entries.erase(*p);
    }
}

void Table::addToIndexes(const Json &item, const Position &key)
{
    for (Index &index : indexes) {
        if (const std::optional<Position> p = indexPosition(index, item, key))
            index.entries[*p] = key;
    }
}

Json Table::keyOf(const Json &item, const Index *index) const
{
    Json key = Json::object();
    for (const std::string *attr : {&hashKey, &rangeKey}) {
        if (!attr->empty() && item.contains(*attr))
            key[*attr] = item[*attr];
    }
    if (index) {
        for (const std::string *attr : {&index->hashKey, &index->rangeKey}) {
            if (!attr->empty() && item.contains(*attr))
                key[*attr] = item[*attr];
        }
    }
    return key;
}

const Table::Index *Table::index(const std::string &indexName) const
{
    for (const Index &i : indexes)
        if (i.name == indexName)
            return &i;
    fail("The table does not have the specified index: " + indexName);
}

Table::Cursor Table::all(const Index *index) const
{
    Cursor c;
    if (!index) {
        for (const auto &[p, item] : items)
            c.items.emplace_back(p, &item);
        return c;
    }
    for (const auto &[p, tableKey] : index->entries)
        c.items.emplace_back(p, find(tableKey));
    return c;
}

Table::Cursor Table::partition(const Index *index, const KeyPart &hash, const std::optional<KeyPart> &low,
                               const std::optional<KeyPart> &high) const
{
    Cursor c;
    Position start{hash};
    if (low)
        start.push_back(*low);
    const auto inside = [&](const Position &p) {
        return compare(p[0], hash) == 0 && (!high || p.size() < 2 || compare(p[1], *high) <= 0);
    };
    if (!index) {
        for (auto it = items.lower_bound(start); it != items.end() && inside(it->first); ++it)
            c.items.emplace_back(it->first, &it->second);
        return c;
    }
    for (auto it = index->entries.lower_bound(start); it != index->entries.end() && inside(it->first); ++it)
        c.items.emplace_back(it->first, find(it->second));
    return c;
}

Position Table::startPosition(const Json &esk, const Index *index) const
{
    if (!esk.is_object())
        fail("The provided starting key is invalid: The provided key element does not match the schema");
    const auto part = [&](const std::string &attr, const std::string &type) {
        if (!esk.contains(attr) || typeOf(esk[attr]) != type)
            fail("The provided starting key is invalid: The provided key element does not match the schema");
        return keyPart(esk[attr]);
    };
    Position p;
    if (index) {
        p.push_back(part(index->hashKey, index->hashType));
        if (!index->rangeKey.empty())
            p.push_back(part(index->rangeKey, index->rangeType));
    }
    p.push_back(part(hashKey, hashType));
    if (!rangeKey.empty())
        p.push_back(part(rangeKey, rangeType));
    return p;
}

Json Table::projectForIndex(const Json &item, const Index *index) const
{
    if (!index || index->config.projectionType == QLatin1String("ALL"))
        return item;
    Json out = keyOf(item, index);
    for (const QString &attr : index->config.nonKeyAttributes) {
        const std::string a = attr.toStdString();
        if (item.contains(a))
            out[a] = item[a];
    }
    return out;
}

} // namespace Gatehouse::Emulator::Dynamo
