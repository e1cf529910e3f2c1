#pragma once

#include "core/collection/collection.h"
#include "core/collection/collectionedit.h"

#include <optional>

class QWidget;

namespace Gatehouse::Ui {

// What the request builder needs from the open collections, without depending on the sidebar:
// where a tab's request is saved, and the collection (auth, variables) it is sent with.
class CollectionLink
{
public:
    virtual ~CollectionLink() = default;

    // Writes request to location; with no location, asks the person for collection, folder and
    // name first. The place it was saved, or nothing when cancelled or refused (the person has
    // been told why, and the tab keeps everything).
    virtual std::optional<Core::Collection::RequestLocation>
    saveRequest(const Core::Collection::CollectionRequest &request,
                const std::optional<Core::Collection::RequestLocation> &location, QWidget *parent) = 0;
    // The open collection a saved request belongs to, or nothing when it is not open.
    virtual std::optional<Core::Collection::Collection>
    collectionOf(const Core::Collection::RequestLocation &location) const = 0;
};

} // namespace Gatehouse::Ui
