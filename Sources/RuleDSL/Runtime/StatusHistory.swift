/// What a status triggers on an SLA's clock (a status may trigger several, e.g. stop and resume).
public struct SLATriggers: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let start = SLATriggers(rawValue: 1 << 0)
    public static let pause = SLATriggers(rawValue: 1 << 1)
    public static let resume = SLATriggers(rawValue: 1 << 2)
    public static let stop = SLATriggers(rawValue: 1 << 3)
    public static let cancel = SLATriggers(rawValue: 1 << 4)
    public static let reset = SLATriggers(rawValue: 1 << 5)

    /// The trigger of one clause (`start on …`, `pause on …`).
    public init(_ event: SLAEvent) {
        switch event {
        case .start: self = .start
        case .pause: self = .pause
        case .resume: self = .resume
        case .stop: self = .stop
        case .cancel: self = .cancel
        case .reset: self = .reset
        }
    }
}

/// One status change and what it does to the clock under the SLA version that tracks the ticket.
public struct StatusEvent: Sendable, Hashable {
    public let at: DateTimeValue
    public let triggers: SLATriggers

    public init(at: DateTimeValue, triggers: SLATriggers) {
        self.at = at
        self.triggers = triggers
    }
}

/// Status names of one SLA version and what each triggers, matched over UTF-8 bytes (a log has
/// hundreds of thousands of histories: no string per status change).
struct StatusTable: Sendable {
    private let names: [[UInt8]]
    private let triggers: [SLATriggers]
    /// What a status that no clause names does: resumes the clock when no `resume on` is declared.
    private let otherwise: SLATriggers

    init(_ statuses: [SLAEvent: Set<String>]) {
        var byName: [String: SLATriggers] = [:]
        for (event, names) in statuses {
            for name in names { byName[name, default: []].insert(SLATriggers(event)) }
        }
        let resumeDeclared = statuses[.resume] != nil
        if !resumeDeclared {
            // Without `resume on`, any status that does not pause resumes a paused clock.
            for (name, t) in byName where !t.contains(.pause) { byName[name] = t.union(.resume) }
        }
        let sorted = byName.sorted { $0.key < $1.key }
        names = sorted.map { Array($0.key.utf8) }
        triggers = sorted.map(\.value)
        otherwise = resumeDeclared ? [] : .resume
    }

    func triggers(of status: UnsafeBufferPointer<UInt8>) -> SLATriggers {
        for (i, name) in names.enumerated() where name.count == status.count {
            if name.withUnsafeBufferPointer({ memcmpEqual($0, status) }) { return triggers[i] }
        }
        return otherwise
    }

    private func memcmpEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for i in 0..<a.count where a[i] != b[i] { return false }
        return true
    }
}

/// A status history as written in a ticket: `status@moment;status@moment;…`, or a list of records
/// with `at` and `status`. Parsed once per ticket, then mapped to the triggers of the SLA version
/// in force at the ticket's opening (its earliest change).
enum StatusHistory {
    /// One parsed change: the moment and where its status name lies (in the text, or in `names`).
    struct Change {
        let at: DateTimeValue
        let name: Range<Int>
    }

    /// Parses "status@moment;…" (spaces around items, statuses and moments are ignored).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, defaultZone: ZoneRules, into changes: inout [Change]) -> SLAInputProblem? {
        changes.removeAll(keepingCapacity: true)
        let semicolon = UInt8(ascii: ";"), at = UInt8(ascii: "@"), space = UInt8(ascii: " ")
        var itemStart = 0
        while itemStart < bytes.count {
            var itemEnd = itemStart
            while itemEnd < bytes.count, bytes[itemEnd] != semicolon { itemEnd += 1 }
            defer { itemStart = itemEnd + 1 }
            var lo = itemStart, hi = itemEnd
            while lo < hi, bytes[lo] == space { lo += 1 }
            while hi > lo, bytes[hi - 1] == space { hi -= 1 }
            if lo == hi { continue }
            var sign = hi - 1
            while sign >= lo, bytes[sign] != at { sign -= 1 }
            guard sign >= lo else {
                let item = String(decoding: UnsafeBufferPointer(rebasing: bytes[lo..<hi]), as: UTF8.self)
                return SLAInputProblem(en: "history item ‘\(item)’ is not status@moment", ru: "элемент истории «\(item)» — не статус@момент")
            }
            var nameEnd = sign
            while nameEnd > lo, bytes[nameEnd - 1] == space { nameEnd -= 1 }
            var momentStart = sign + 1
            while momentStart < hi, bytes[momentStart] == space { momentStart += 1 }
            let moment = UnsafeBufferPointer(rebasing: bytes[momentStart..<hi])
            guard let time = DateTimeValue.parse(moment, defaultZone: nil) else {
                let text = String(decoding: moment, as: UTF8.self)
                if DateTimeValue.parse(moment, defaultZone: defaultZone) != nil {
                    return SLAInputProblem(en: "history moment ‘\(text)’ has no time zone; add +03:00 or [Europe/Moscow]",
                                           ru: "у момента истории «\(text)» нет часового пояса; добавьте +03:00 или [Europe/Moscow]")
                }
                return SLAInputProblem(en: "history moment ‘\(text)’ is not a date-time", ru: "момент истории «\(text)» — не дата-время")
            }
            changes.append(Change(at: time, name: lo..<nameEnd))
        }
        return nil
    }

    /// The changes in time order (a stable sort: changes at the same moment keep their written order).
    static func sortedByTime(_ changes: inout [Change]) {
        var ordered = true
        for i in changes.indices.dropFirst() where changes[i].at < changes[i - 1].at {
            ordered = false
            break
        }
        if ordered { return }
        let indexed = changes.enumerated().sorted { a, b in a.element.at != b.element.at ? a.element.at < b.element.at : a.offset < b.offset }
        changes = indexed.map(\.element)
    }
}
