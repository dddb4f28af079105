module pulumi-tencent-chat/pulumi-tools

go 1.25.11

require github.com/pulumi/pulumi/pkg/v3 v3.259.0 // indirect
