/// The XML Schema of the XML snapshot form, embedded so the binary needs no files. It is the text
/// of `docs/schemas/snapshot.xsd`, byte for byte (a test compares them); edit both together.
package enum XMLSnapshotSchema {
    /// The namespace of every element of an XML snapshot.
    package static let namespace = "urn:posbridge:snapshot:1"

    /// The text of `docs/schemas/snapshot.xsd`.
    package static let text = #"""
<?xml version="1.0" encoding="UTF-8"?>
<!--
  posbridge canonical snapshot, XML form, version 1 (docs/snapshot-xml.md).

  A copy of this file is embedded in Sources/Snapshots/XMLSnapshotSchema.swift so the binary needs
  no files; a test checks that both are identical byte for byte. Change both or neither.

  What XML Schema 1.0 cannot say and the reader checks itself: base64 text is well-formed and
  decodes to UTF-8, member names are unique within one object, numbers have at most 400 digits,
  and (posbridge snapshot validate) records are sorted by key bytes without duplicates.
-->
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:s="urn:posbridge:snapshot:1"
           targetNamespace="urn:posbridge:snapshot:1"
           elementFormDefault="qualified"
           attributeFormDefault="unqualified">

  <xs:element name="snapshot">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="record" type="s:Record" minOccurs="0" maxOccurs="unbounded"/>
      </xs:sequence>
      <xs:attribute name="entity" type="xs:string" use="required"/>
      <xs:attribute name="entity-encoding" type="s:Encoding"/>
      <xs:attribute name="system" type="xs:string" use="required"/>
      <xs:attribute name="system-encoding" type="s:Encoding"/>
    </xs:complexType>
  </xs:element>

  <!-- Present only when the text beside it is base64 of UTF-8 bytes (XML 1.0 cannot carry it). -->
  <xs:simpleType name="Encoding">
    <xs:restriction base="xs:string">
      <xs:enumeration value="base64"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:complexType name="Record">
    <xs:sequence>
      <xs:element name="ref" type="s:Members" minOccurs="0"/>
      <xs:element name="fields" type="s:Members"/>
    </xs:sequence>
    <xs:attribute name="key" type="xs:string" use="required"/>
    <xs:attribute name="key-encoding" type="s:Encoding"/>
  </xs:complexType>

  <!-- The members of an object (and of ref and fields): every value carries a name. -->
  <xs:complexType name="Members">
    <xs:choice minOccurs="0" maxOccurs="unbounded">
      <xs:element name="string" type="s:NamedString"/>
      <xs:element name="number" type="s:NamedNumber"/>
      <xs:element name="boolean" type="s:NamedBoolean"/>
      <xs:element name="null" type="s:NamedNull"/>
      <xs:element name="object" type="s:NamedObject"/>
      <xs:element name="array" type="s:NamedArray"/>
    </xs:choice>
  </xs:complexType>

  <!-- The items of an array: the same six kinds, in order, without names. -->
  <xs:complexType name="Items">
    <xs:choice minOccurs="0" maxOccurs="unbounded">
      <xs:element name="string" type="s:String"/>
      <xs:element name="number" type="s:NumberText"/>
      <xs:element name="boolean" type="s:BooleanText"/>
      <xs:element name="null" type="s:Null"/>
      <xs:element name="object" type="s:Members"/>
      <xs:element name="array" type="s:Items"/>
    </xs:choice>
  </xs:complexType>

  <xs:attributeGroup name="Name">
    <xs:attribute name="name" type="xs:string" use="required"/>
    <xs:attribute name="name-encoding" type="s:Encoding"/>
  </xs:attributeGroup>

  <xs:complexType name="String">
    <xs:simpleContent>
      <xs:extension base="xs:string">
        <xs:attribute name="encoding" type="s:Encoding"/>
      </xs:extension>
    </xs:simpleContent>
  </xs:complexType>

  <!-- A JSON number literal; writers use the canonical form (no exponent, no trailing zeros). -->
  <xs:simpleType name="NumberText">
    <xs:restriction base="xs:string">
      <xs:pattern value="-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+\-]?[0-9]+)?"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:simpleType name="BooleanText">
    <xs:restriction base="xs:string">
      <xs:enumeration value="true"/>
      <xs:enumeration value="false"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:complexType name="Null"/>

  <xs:complexType name="NamedString">
    <xs:simpleContent>
      <xs:extension base="s:String">
        <xs:attributeGroup ref="s:Name"/>
      </xs:extension>
    </xs:simpleContent>
  </xs:complexType>

  <xs:complexType name="NamedNumber">
    <xs:simpleContent>
      <xs:extension base="s:NumberText">
        <xs:attributeGroup ref="s:Name"/>
      </xs:extension>
    </xs:simpleContent>
  </xs:complexType>

  <xs:complexType name="NamedBoolean">
    <xs:simpleContent>
      <xs:extension base="s:BooleanText">
        <xs:attributeGroup ref="s:Name"/>
      </xs:extension>
    </xs:simpleContent>
  </xs:complexType>

  <xs:complexType name="NamedNull">
    <xs:attributeGroup ref="s:Name"/>
  </xs:complexType>

  <xs:complexType name="NamedObject">
    <xs:complexContent>
      <xs:extension base="s:Members">
        <xs:attributeGroup ref="s:Name"/>
      </xs:extension>
    </xs:complexContent>
  </xs:complexType>

  <xs:complexType name="NamedArray">
    <xs:complexContent>
      <xs:extension base="s:Items">
        <xs:attributeGroup ref="s:Name"/>
      </xs:extension>
    </xs:complexContent>
  </xs:complexType>
</xs:schema>

"""#
}
