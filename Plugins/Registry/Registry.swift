import Content
import Freshness
import LinkHealth
import Openness
import PantauCore

/// The one explicit list of audit plugins. Adding a plugin = one folder under `Plugins/` and one
/// line here.
public enum PluginRegistry {
    public static let all: [any AuditPlugin.Type] = [
        FreshnessPlugin.self,
        OpennessPlugin.self,
        LinkHealthPlugin.self,
        ContentPlugin.self,
    ]

    /// Plugin id → the plugin type.
    public static func plugin(id: String) -> (any AuditPlugin.Type)? {
        all.first { $0.id == id }
    }

    /// Plugin id → the category its rules count towards when they name none.
    public static var defaultCategories: [String: String] {
        Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0.defaultCategory) })
    }
}
