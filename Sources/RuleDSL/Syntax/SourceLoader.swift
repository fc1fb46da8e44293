import Foundation

/// Reads rule files from paths: files are taken as given, folders are searched (recursively, in
/// name order) for `*.rules` files. Bad paths are reported as values, never as crashes.
public enum SourceLoader {
    /// The extension of rule files.
    public static let fileExtension = "rules"

    /// Why a path could not be read.
    public struct LoadError: Error, Sendable, Hashable {
        public enum Reason: Sendable, Hashable {
            case notFound, emptyFolder, notText, unreadable(String)
        }
        public let path: String
        public let reason: Reason

        public func message(in language: MessageLanguage) -> String {
            switch (reason, language) {
            case (.notFound, .en): return "\(path): no such file or folder"
            case (.notFound, .ru): return "\(path): нет такого файла или папки"
            case (.emptyFolder, .en): return "\(path): the folder has no .rules files"
            case (.emptyFolder, .ru): return "\(path): в папке нет файлов .rules"
            case (.notText, .en): return "\(path): not a text file (binary or not UTF-8); rule files are UTF-8 text"
            case (.notText, .ru): return "\(path): не текстовый файл (двоичный или не UTF-8); файлы правил — текст в UTF-8"
            case (.unreadable(let why), .en): return "\(path): cannot be read (\(why))"
            case (.unreadable(let why), .ru): return "\(path): не удаётся прочитать (\(why))"
            }
        }
    }

    /// The files at `paths`, numbered in order; the first error stops loading.
    public static func load(_ paths: [String]) -> Result<[SourceFile], LoadError> {
        var files: [SourceFile] = []
        for path in paths {
            switch filePaths(path) {
            case .failure(let error): return .failure(error)
            case .success(let found):
                for filePath in found {
                    switch read(filePath, id: files.count) {
                    case .failure(let error): return .failure(error)
                    case .success(let file): files.append(file)
                    }
                }
            }
        }
        return .success(files)
    }

    /// The rule files a path names: itself, or the `.rules` files below a folder.
    static func filePaths(_ path: String) -> Result<[String], LoadError> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(LoadError(path: path, reason: .notFound))
        }
        guard isDirectory.boolValue else { return .success([path]) }
        guard let enumerator = FileManager.default.enumerator(atPath: path) else {
            return .failure(LoadError(path: path, reason: .unreadable("cannot list the folder")))
        }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.hasSuffix("." + fileExtension) {
                found.append(path.hasSuffix("/") ? path + relative : path + "/" + relative)
            }
        }
        guard !found.isEmpty else { return .failure(LoadError(path: path, reason: .emptyFolder)) }
        return .success(found.sorted())
    }

    /// Reads one file as UTF-8 text; binary files (with NUL bytes) and invalid UTF-8 are refused.
    public static func read(_ path: String, id: Int) -> Result<SourceFile, LoadError> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(LoadError(path: path, reason: .unreadable("permission denied or not a regular file")))
        }
        if data.contains(0) { return .failure(LoadError(path: path, reason: .notText)) }
        guard let text = String(data: data, encoding: .utf8) else { return .failure(LoadError(path: path, reason: .notText)) }
        return .success(SourceFile(id: id, path: path, text: text))
    }
}
