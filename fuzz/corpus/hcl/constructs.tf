a = <<-EOT
  x ${y}
  %{ for k, v in m ~}
  ${k}
  %{~ endfor }
EOT
b = {for k, v in var.m : k => v... if v != null}
c = a[*].b[0].c
d = a.*.b
e = provider::aws::f(x...)
f = !a && -b || c ? d : e
