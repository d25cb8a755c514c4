"""What a use case changed, so views refresh only that (Anki's OpChanges)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    documents: frozenset[str] = field(default_factory=frozenset)
    annotations: frozenset[str] = field(default_factory=frozenset)
    tags: frozenset[str] = field(default_factory=frozenset)
    links: frozenset[str] = field(default_factory=frozenset)

    def __or__(self, other: "Changes") -> "Changes":
        return Changes(
            self.documents | other.documents,
            self.annotations | other.annotations,
            self.tags | other.tags,
            self.links | other.links,
        )

    def __bool__(self) -> bool:
        return bool(self.documents or self.annotations or self.tags or self.links)

    @classmethod
    def of(cls, *, documents=(), annotations=(), tags=(), links=()) -> "Changes":
        return cls(frozenset(documents), frozenset(annotations), frozenset(tags), frozenset(links))
