"""What motivation's administrators' pages share besides their scope
(``lms.permissions``): the model permission each page asks for."""

from django.http import Http404


def require(request, permission):
    """Model permission ``motivation.<permission>`` or not found."""
    if not request.user.has_perm(f"motivation.{permission}"):
        raise Http404
