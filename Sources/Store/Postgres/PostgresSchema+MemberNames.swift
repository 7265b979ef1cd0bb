extension PostgresSchema {
    /// 0037: a member row keeps its member's name (`member_name`: a User's `displayName`,
    /// else its `userName`; a Group's `displayName`), so a group's member list, which every
    /// membership PATCH answers with (RFC 7643 §4.2 `members.display`), reads its member
    /// rows alone instead of looking each member up in `scim_resources` (issue 11: 100
    /// index lookups for a 100-member group, the largest statement of a membership PATCH).
    /// A member row takes the name when it is inserted, from the lookup that checks the
    /// member (which locks the member's row `FOR SHARE`, so a rename committing meanwhile
    /// is either seen or waits for the insert's commit and then renames its row too); a
    /// rename (``PostgresResourceTables/update(_:changes:kind:seq:tenant:at:)``) renames
    /// the member rows of the resource in the same transaction. A User's create, and any
    /// update that keeps both names, writes nothing more. A `display` the client sent still
    /// wins (`coalesce(display, member_name)`).
    static let memberNames = Migration("0037_member_names", sql: """
        ALTER TABLE scim_group_members ADD COLUMN member_name text;
        UPDATE scim_group_members m SET member_name = coalesce(r.display_name, r.user_name)
        FROM scim_resources r WHERE r.tenant_id = m.tenant_id AND r.id = m.member_id;
        """)
}
