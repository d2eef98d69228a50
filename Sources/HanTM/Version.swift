/// hantm's version, written into TMX headers and shown by `hantm --version`.
public enum HanTMVersion {
    public static let current = "0.1.0"
}
