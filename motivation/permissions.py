"""Badge rules apply to the whole union, so only those who administer the whole union may
set them: superusers and administrators of the Central Committee (the root of the tree),
and of those only the ones whose role gives them the model permission."""

from wagtail.permission_policies import ModelPermissionPolicy

from lms.permissions import administers_the_union


class UnionWidePermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return super().user_has_permission(user, action) and administers_the_union(user)
