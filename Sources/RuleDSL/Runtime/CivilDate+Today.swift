import Foundation

extension CivilDate {
    /// Today's date in the system's time zone.
    public static func today() -> CivilDate {
        let now = Date()
        let seconds = Int64(now.timeIntervalSince1970) + Int64(TimeZone.current.secondsFromGMT(for: now))
        return CivilDate(daysSinceEpoch: Int32(truncatingIfNeeded: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400))
    }
}
