using System.Reflection;
using Mcp.Engine.Configuration;

namespace Mcp.Daemon.Configuration;

/// <summary>One setting: an options property and the <see cref="EnvSettingAttribute"/> on it.</summary>
internal sealed class SettingDescriptor(Type optionsType, PropertyInfo property, EnvSettingAttribute attribute)
{
    public Type OptionsType { get; } = optionsType;

    public PropertyInfo Property { get; } = property;

    public EnvSettingAttribute Attribute { get; } = attribute;

    public string Name => Attribute.Name;

    public IReadOnlyList<string> Aliases => Attribute.Aliases;

    public bool Secret => Attribute.Secret;

    public bool Reloadable => Attribute.Reloadable;

    /// <summary>The property type without <see cref="Nullable{T}"/>.</summary>
    public Type ValueType => Nullable.GetUnderlyingType(Property.PropertyType) ?? Property.PropertyType;

    /// <summary>True when the setting can be unset (<c>null</c>): reference types marked nullable and <c>T?</c>.</summary>
    public bool IsNullable { get; } = IsNullableProperty(property);

    public override string ToString() => Name;

    private static bool IsNullableProperty(PropertyInfo property)
    {
        if (Nullable.GetUnderlyingType(property.PropertyType) is not null)
        {
            return true;
        }

        if (property.PropertyType.IsValueType)
        {
            return false;
        }

        return new NullabilityInfoContext().Create(property).WriteState == NullabilityState.Nullable;
    }
}
