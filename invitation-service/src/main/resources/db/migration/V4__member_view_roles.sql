-- The member's organization roles, from MembershipCreated and MemberRolesChanged: an accept that gives an existing
-- member more roles answers once they hold them. NULL for members remembered before this column (unknown roles:
-- the accept then waits only for the membership, as it did).
ALTER TABLE member_view ADD COLUMN roles TEXT[];
