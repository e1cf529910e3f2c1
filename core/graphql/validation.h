#pragma once

#include "ast.h"
#include "schema.h"

#include <vector>

namespace Gatehouse::Core::GraphQL {

// Checks an executable document against a schema with the spec's validation rules (section 5)
// that an editor marks inline, each error placed at line:column and worded as graphql-js 16
// words it (the de-facto standard, which graphql-cats' scenarios expect), tagged with the
// graphql-js rule name. Rules: ExecutableDefinitions, UniqueOperationNames,
// LoneAnonymousOperation, SingleFieldSubscriptions, KnownOperationTypes, KnownTypeNames,
// FragmentsOnCompositeTypes, VariablesAreInputTypes, ScalarLeafs, FieldsOnCorrectType,
// UniqueFragmentNames, KnownFragmentNames, NoUnusedFragments, PossibleFragmentSpreads,
// NoFragmentCycles, UniqueVariableNames, NoUndefinedVariables, NoUnusedVariables,
// KnownDirectives, UniqueDirectivesPerLocation, KnownArgumentNames, UniqueArgumentNames,
// ValuesOfCorrectType, ProvidedRequiredArguments, VariablesInAllowedPosition,
// UniqueInputFieldNames, OverlappingFieldsCanBeMerged (every rule of graphql-js 16's
// specifiedRules, plus graphql-js 17's KnownOperationTypes).
//
// It works on a tree with syntax errors too (from Parser::parseWithRecovery), so an editor
// keeps its markers while a person types; custom scalars accept any literal. Unknown names come
// with graphql-js's "Did you mean ...?" suggestions.
class Validator
{
public:
    static std::vector<Diagnostic> validate(const Schema &schema, const Document &document);
};

} // namespace Gatehouse::Core::GraphQL
