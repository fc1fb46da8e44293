@testable import RuleDSL

/// `Comment` is also a type of Swift Testing; files that import both use this name.
typealias SourceComment = Comment
